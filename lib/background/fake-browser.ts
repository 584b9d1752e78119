/**
 * WXT's `fakeBrowser` as the services' `ExtensionApi`, for unit tests. It implements the calls
 * the services make, but its typings leave out enum members such as `storage.AccessLevel`,
 * so it needs this one cast.
 */
import { fakeBrowser } from 'wxt/testing';
import type { ExtensionApi } from './deps';

export const testBrowser = fakeBrowser as unknown as ExtensionApi;
