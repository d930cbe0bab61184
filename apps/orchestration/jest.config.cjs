module.exports = {
  displayName: 'orchestration',
  preset: '../../jest.preset.cjs',
  // Each test file boots a whole batch service with a fleet of Chromium
  // workers; two of them at once would starve a small machine.
  maxWorkers: 1,
};
