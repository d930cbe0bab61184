module.exports = {
  displayName: 'reports',
  preset: '../../jest.preset.cjs',
};
