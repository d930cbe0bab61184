module.exports = {
  displayName: 'snapshot-worker',
  preset: '../../jest.preset.cjs',
};
