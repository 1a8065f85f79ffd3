// The desktop app's entry, which Electron starts (package.json "main"): the main-process bundle
// electron-vite builds into out/main. npm always packs the file "main" names, and the npm package
// is the command line and the web host only — so "main" names this one line, not the bundle.
import './out/main/index.js';
