// Bench only (test/bench/browsers.ts): the bench calls chrome.management.setEnabled from this
// worker through Playwright's worker.evaluate. The worker itself does nothing, so the only
// cost it adds is its idle presence, which both conditions share.
