module.exports = {
  displayName: 'snapshot-service',
  preset: '../../jest.preset.cjs',
};
