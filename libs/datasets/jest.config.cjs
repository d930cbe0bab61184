module.exports = {
  displayName: 'datasets',
  preset: '../../jest.preset.cjs',
};
