/* global JSWindowActorChild, Cu */
/**
 * Test-only window actor, loaded into the add-on's pages by test/firefox/extension-pages.ts.
 * Firefox's WebDriver BiDi does not reach extension pages (they are skipped until Bug 1755014
 * is fixed), so the Firefox tests run their page functions here instead: in a sandbox with the
 * page's own principal and no Xray wrappers, i.e. as the page's own script would.
 */
export class CuecardProbeChild extends JSWindowActorChild {
  async receiveMessage({ name, data }) {
    if (name !== 'run') throw new Error(`CuecardProbe: unknown message ${name}`);
    const win = this.contentWindow;
    if (!win || !String(this.document?.documentURI).startsWith('moz-extension:')) throw new Error('CuecardProbe: not an extension page');
    const sandbox = Cu.Sandbox(win, { sandboxPrototype: win, wantXrays: false, sandboxName: 'cuecard-probe' });
    const run = Cu.evalInSandbox(`(async (args) => JSON.stringify((await (${data.fn})(...JSON.parse(args))) ?? null))`, sandbox);
    return JSON.parse(await run(data.args));
  }
}
