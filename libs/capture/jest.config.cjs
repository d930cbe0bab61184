module.exports = {
  displayName: 'capture',
  preset: '../../jest.preset.cjs',
};
