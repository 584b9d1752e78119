/** Key of one pack version in the store's `packs` map. Its own module so slices need not import the store. */
export const packKey = (id: string, version: number) => `${id}@${version}`;
