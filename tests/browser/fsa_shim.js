// The File System Access API over HTTP, for the editor's browser test.
//
// Sveltia CMS's local-repository mode asks for a folder with
// showDirectoryPicker(). Headless Chromium cannot answer that picker: with
// Playwright's file-chooser interception it aborts the call ("Intercepted by
// Page.setInterceptFileChooserDialog()"), and a dropped folder handle
// (DataTransferItem.getAsFileSystemHandle) is readable but asks a person for
// write permission. So the test replaces showDirectoryPicker with handles
// whose every read and write is a request to the test's own server
// (tests/browser/test_editor.py, /__fs/), which reads and writes the real
// folder on disk. Only the handle objects are ours; what Sveltia writes is
// exactly what lands in the files.
(() => {
  const api = (op, path, extra = '') => `/__fs/${op}?path=${encodeURIComponent(path)}${extra}`;
  const join = (dir, name) => (dir ? `${dir}/${name}` : name);
  const fail = async (response) => {
    const text = await response.text();
    const [name, ...rest] = text.split(': ');
    throw new DOMException(rest.join(': ') || text, name || 'NotFoundError');
  };

  class Handle {
    constructor(path, kind) {
      this.path = path;
      this.kind = kind;
      this.name = path.split('/').pop() || 'site';
    }

    async queryPermission() {
      return 'granted';
    }

    async requestPermission() {
      return 'granted';
    }

    async isSameEntry(other) {
      return other?.path === this.path && other?.kind === this.kind;
    }
  }

  class FileHandle extends Handle {
    constructor(path) {
      super(path, 'file');
    }

    async getFile() {
      const response = await fetch(api('read', this.path));
      if (!response.ok) await fail(response);
      const modified = Number(response.headers.get('X-Modified'));
      return new File([await response.blob()], this.name, { lastModified: modified });
    }

    async createWritable() {
      const parts = [];
      const path = this.path;
      return {
        async write(data) {
          parts.push(data?.type === 'write' ? data.data : data);
        },
        async close() {
          const response = await fetch(api('write', path), { method: 'PUT', body: new Blob(parts) });
          if (!response.ok) await fail(response);
        },
        async abort() {},
      };
    }

    async move(dir, name) {
      const target = join(dir.path, name);
      const response = await fetch(api('move', this.path, `&to=${encodeURIComponent(target)}`), { method: 'POST' });
      if (!response.ok) await fail(response);
      this.path = target;
      this.name = name;
    }
  }

  class DirectoryHandle extends Handle {
    constructor(path) {
      super(path, 'directory');
    }

    async *entries() {
      const response = await fetch(api('list', this.path));
      if (!response.ok) await fail(response);
      for (const [name, kind] of await response.json()) {
        const path = join(this.path, name);
        yield [name, kind === 'directory' ? new DirectoryHandle(path) : new FileHandle(path)];
      }
    }

    async *values() {
      for await (const [, handle] of this.entries()) yield handle;
    }

    async *keys() {
      for await (const [name] of this.entries()) yield name;
    }

    [Symbol.asyncIterator]() {
      return this.entries();
    }

    async #open(name, kind, create) {
      const path = join(this.path, name);
      const response = await fetch(api('open', path, `&kind=${kind}&create=${create ? 1 : 0}`), { method: 'POST' });
      if (!response.ok) await fail(response);
      return kind === 'directory' ? new DirectoryHandle(path) : new FileHandle(path);
    }

    getDirectoryHandle(name, { create = false } = {}) {
      return this.#open(name, 'directory', create);
    }

    getFileHandle(name, { create = false } = {}) {
      return this.#open(name, 'file', create);
    }

    async removeEntry(name, { recursive = false } = {}) {
      const path = join(this.path, name);
      const response = await fetch(api('remove', path, `&recursive=${recursive ? 1 : 0}`), { method: 'POST' });
      if (!response.ok) await fail(response);
    }

    async resolve(handle) {
      if (handle.path === this.path) return [];
      return handle.path.startsWith(`${this.path}/`) || !this.path ? handle.path.slice(this.path ? this.path.length + 1 : 0).split('/') : null;
    }
  }

  window.showDirectoryPicker = async () => new DirectoryHandle('');
})();
