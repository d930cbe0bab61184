module.exports = {
  displayName: 'snapshot-worker-runtime',
  preset: '../../jest.preset.cjs',
};
