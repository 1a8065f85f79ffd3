import { describe, expect, it } from 'vitest';
import { isOwnSender } from '../../src-main/desktop/ipcSender';

const APP = 'file:///app/out/renderer/index.html';
const ourContents = { id: 1 };
const window = (over: Partial<{ destroyed: boolean; webContents: unknown }> = {}) => ({
  isDestroyed: () => over.destroyed ?? false,
  webContents: over.webContents ?? ourContents,
});
const topFrame = (url = APP) => ({ url, parent: null });

describe('isOwnSender: who IPC answers', () => {
  it('answers our window showing our app', () => {
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame() }, window(), APP)).toBe(true);
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame(`${APP}#/webhooks`) }, window(), APP)).toBe(true);
  });

  it('refuses another webContents', () => {
    expect(isOwnSender({ sender: { id: 2 }, senderFrame: topFrame() }, window(), APP)).toBe(false);
  });

  it('refuses when there is no window or it was destroyed', () => {
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame() }, null, APP)).toBe(false);
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame() }, window({ destroyed: true }), APP)).toBe(false);
  });

  it('refuses our window when its frame shows a foreign page', () => {
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame('https://evil.example/') }, window(), APP)).toBe(
      false,
    );
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame('file:///tmp/evil.html') }, window(), APP)).toBe(
      false,
    );
  });

  it('refuses a sub-frame, a missing frame and a disposed frame', () => {
    expect(isOwnSender({ sender: ourContents, senderFrame: { url: APP, parent: topFrame() } }, window(), APP)).toBe(
      false,
    );
    expect(isOwnSender({ sender: ourContents, senderFrame: null }, window(), APP)).toBe(false);
    expect(isOwnSender({ sender: ourContents }, window(), APP)).toBe(false);
    const disposed = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isOwnSender({ sender: ourContents, senderFrame: disposed }, window(), APP)).toBe(false);
  });

  it('answers the dev server origin in development', () => {
    const dev = 'http://localhost:5173/';
    expect(
      isOwnSender({ sender: ourContents, senderFrame: topFrame('http://localhost:5173/deliveries') }, window(), dev),
    ).toBe(true);
    expect(isOwnSender({ sender: ourContents, senderFrame: topFrame('http://localhost:5999/') }, window(), dev)).toBe(
      false,
    );
  });
});
