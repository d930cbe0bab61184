module.exports = {
  displayName: 'template-tests',
  preset: '../../jest.preset.cjs',
};
