module.exports = {
  displayName: 'presigner',
  preset: '../../jest.preset.cjs',
};
