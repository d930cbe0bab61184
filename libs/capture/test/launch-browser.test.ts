import { launchBrowser, resolveChromePath } from '../src/launch-browser';

describe('launchBrowser', () => {
  // puppeteer took the --disable-features flags out of the array it was
  // given; the next launch in the process started without them, and its
  // host pages could not frame a report server on this machine.
  it('keeps its disabled features in a second launch', async () => {
    const features = async () => {
      const browser = await launchBrowser(resolveChromePath());
      try {
        return browser
          .process()
          ?.spawnargs.find((arg) => arg.startsWith('--disable-features='));
      } finally {
        await browser.close();
      }
    };

    const first = await features();
    const second = await features();

    expect(first).toContain('LocalNetworkAccessChecks');
    expect(first).toContain('site-per-process');
    expect(second).toBe(first);
  });
});
