module.exports = {
  displayName: 'snapshot-api',
  preset: '../../jest.preset.cjs',
};
