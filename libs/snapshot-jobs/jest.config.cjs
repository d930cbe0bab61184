module.exports = {
  displayName: 'snapshot-jobs',
  preset: '../../jest.preset.cjs',
};
