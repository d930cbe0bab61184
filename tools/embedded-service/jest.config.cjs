module.exports = {
  displayName: 'embedded-service',
  preset: '../../jest.preset.cjs',
};
