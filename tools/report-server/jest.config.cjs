module.exports = {
  displayName: 'report-server',
  preset: '../../jest.preset.cjs',
};
