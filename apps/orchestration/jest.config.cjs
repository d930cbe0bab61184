module.exports = {
  displayName: 'orchestration',
  preset: '../../jest.preset.cjs',
};
