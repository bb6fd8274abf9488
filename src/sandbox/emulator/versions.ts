/**
 * A small version history, as Sheets keeps one automatically: the file's
 * content from before each change that altered it, newest first, bounded.
 * Kept in memory (the sandbox forgets it on restart).
 */
import type { OutsideResult, SpreadsheetVersion } from './outside';
import type { Emulator } from './runtime';

export interface VersionEntry {
  id: string;
  /** When the content was this (the emulator's clock). */
  at: Date;
  /** What came after it, e.g. "Redigering Blad1!B3". */
  label: string;
  /** Who made that change. */
  user: string;
}

export class VersionHistory {
  private readonly entries: (VersionEntry & { v: SpreadsheetVersion })[] = [];
  private seq = 0;
  constructor(
    private readonly emu: Emulator,
    private readonly max = 20,
  ) {}

  /** Runs `change`; if it altered the file, the content from before it becomes a version. */
  around<T>(label: string, user: string, change: () => T): T {
    const before = this.emu.snapshotVersion();
    const text = JSON.stringify(before.spreadsheet);
    try {
      return change();
    } finally {
      if (JSON.stringify(this.emu.state.spreadsheet) !== text) this.keep(before, label, user);
    }
  }

  list(): VersionEntry[] {
    return this.entries.map(({ id, at, label, user }) => ({ id, at, label, user }));
  }

  /** Restores version `id` as `user`; the content it replaces is kept, so a restore can be undone. */
  restore(id: string, user: string): OutsideResult | null {
    const e = this.entries.find((x) => x.id === id);
    if (!e) return null;
    const label = `Återställning till versionen före: ${e.label}`;
    return this.around(label, user, () => this.emu.restoreVersion(e.v));
  }

  private keep(v: SpreadsheetVersion, label: string, user: string): void {
    this.seq += 1;
    this.entries.unshift({ id: `v${this.seq}`, at: v.takenAt, label, user, v });
    this.entries.length = Math.min(this.entries.length, this.max);
  }
}
