module.exports = {
  displayName: 'snapshot-keys',
  preset: '../../jest.preset.cjs',
};
