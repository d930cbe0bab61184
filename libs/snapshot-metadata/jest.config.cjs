module.exports = {
  displayName: 'snapshot-metadata',
  preset: '../../jest.preset.cjs',
};
