module.exports = {
  displayName: 'quicksight-url',
  preset: '../../jest.preset.cjs',
};
