import { IGNORE_INDEX } from '@ganseg/formats';
/** The page: markup and style. Its script is the module `/app/_client.js`. */
export function _pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ganseg annotate</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; background: #1e1f22; color: #ddd; }
#app { display: grid; grid-template-columns: 180px 1fr 190px; height: 100vh; }
aside { overflow: auto; padding: 8px; background: #26282c; }
h1, h2 { font-size: 13px; margin: 4px 0 8px; color: #fff; }
#samples { list-style: none; margin: 0; padding: 0; }
#samples li { padding: 3px 6px; cursor: pointer; border-radius: 3px; display: flex; justify-content: space-between; gap: 4px; }
#samples li:hover { background: #33363b; }
#samples li.current { background: #3d5a80; color: #fff; }
#samples .state { color: #888; font-size: 11px; }
#samples li.annotated .state { color: #7fd17f; }
main { display: grid; grid-template-rows: auto 1fr auto; min-width: 0; min-height: 0; }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px; background: #2b2d31; border-bottom: 1px solid #111; }
#toolbar .group { display: flex; gap: 3px; align-items: center; padding-right: 6px; border-right: 1px solid #444; }
button { background: #3a3d42; color: #eee; border: 1px solid #555; border-radius: 3px; padding: 3px 7px; cursor: pointer; font: inherit; }
button:hover { background: #474b51; }
button.active { background: #3d5a80; border-color: #8fb3e0; color: #fff; }
button:disabled { opacity: .4; cursor: default; }
input[type=number] { width: 46px; background: #1e1f22; color: #eee; border: 1px solid #555; }
select { background: #1e1f22; color: #eee; border: 1px solid #555; }
#viewport { position: relative; overflow: hidden; background: repeating-conic-gradient(#2a2a2a 0 25%, #242424 0 50%) 0 0 / 16px 16px; cursor: none; touch-action: none; }
#stage { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
#stage canvas, #stage svg { position: absolute; left: 0; top: 0; image-rendering: pixelated; }
#overlay { pointer-events: none; overflow: visible; }
#cursor { position: absolute; pointer-events: none; border: 1px solid #fff; outline: 1px solid #000; border-radius: 50%; transform: translate(-50%, -50%); display: none; }
#status { display: flex; gap: 12px; padding: 4px 8px; background: #2b2d31; border-top: 1px solid #111; min-height: 24px; }
#save-state[data-state=saved] { color: #7fd17f; }
#save-state[data-state=unsaved], #save-state[data-state=saving] { color: #e0c060; }
#save-state[data-state=error] { color: #ff7070; }
#message { color: #ff8080; flex: 1; }
#message.info { color: #aaa; }
#classes { list-style: none; margin: 0; padding: 0; }
#classes li { display: flex; gap: 6px; align-items: center; padding: 3px 4px; cursor: pointer; border-radius: 3px; border: 1px solid transparent; }
#classes li.current { border-color: #8fb3e0; background: #33363b; }
#classes .swatch { width: 16px; height: 16px; border: 1px solid #888; flex: none; }
#classes .swatch.ignore { background: repeating-linear-gradient(45deg, #666 0 3px, #222 3px 6px); }
#classes .key { color: #888; width: 12px; }
.help { color: #999; font-size: 11px; }
.help kbd { background: #333; border: 1px solid #555; border-radius: 2px; padding: 0 3px; font: 11px monospace; }
</style>
</head>
<body>
<div id="app">
  <aside id="side"><h1>ganseg annotate</h1><div id="ws-info" class="help"></div><ol id="samples"></ol></aside>
  <main>
    <div id="toolbar">
      <div class="group"><button id="prev" title="Previous sample (←)">◀ prev</button><button id="next" title="Next sample (→)">next ▶</button></div>
      <div class="group">
        <button id="tool-brush" data-tool="brush" title="Brush (B)">brush</button>
        <button id="tool-eraser" data-tool="eraser" title="Eraser (E): paints ${IGNORE_INDEX} = ignore / unlabelled">eraser</button>
        <button id="tool-polygon" data-tool="polygon" title="Polygon fill (P): click vertices, double-click or Enter to fill, Esc to cancel">polygon</button>
        <button id="tool-fill" data-tool="fill" title="Flood fill (F)">fill</button>
      </div>
      <div class="group"><label for="size">size</label><input id="size" type="number" min="1" max="256" value="8" title="Brush size in pixels ([ and ])"></div>
      <div class="group"><label for="fill-mode">fill</label><select id="fill-mode" title="Flood fill region"><option value="mask">same class</option><option value="colour">similar colour</option></select>
        <input id="tolerance" type="number" min="0" max="255" value="24" title="Colour tolerance (0-255) for 'similar colour'"></div>
      <div class="group"><label for="opacity">mask</label><input id="opacity" type="range" min="0" max="100" value="55" title="Mask opacity"></div>
      <div class="group"><button id="undo" title="Undo (Ctrl+Z)">undo</button><button id="redo" title="Redo (Ctrl+Y)">redo</button></div>
      <div class="group"><button id="zoom-out" title="Zoom out (-)">−</button><button id="zoom-fit" title="Fit (Z)">fit</button><button id="zoom-in" title="Zoom in (+)">+</button></div>
      <div class="group"><button id="predict" title="Replace the mask with the decoder's prediction (undoable)" hidden>load prediction</button><button id="save" title="Save (Ctrl+S)">save</button></div>
    </div>
    <div id="viewport">
      <div id="stage"><canvas id="image"></canvas><canvas id="mask"></canvas><svg id="overlay"></svg></div>
      <div id="cursor"></div>
    </div>
    <div id="status"><span id="save-state" data-state="saved">saved</span><span id="message"></span><span id="pos"></span></div>
  </main>
  <aside id="palette">
    <h2>Classes</h2>
    <ul id="classes"></ul>
    <p class="help">
      <kbd>1</kbd>-<kbd>9</kbd> class, <kbd>0</kbd> ignore (${IGNORE_INDEX})<br>
      <kbd>B</kbd> brush <kbd>E</kbd> eraser (${IGNORE_INDEX})<br>
      <kbd>P</kbd> polygon: click, double-click / <kbd>Enter</kbd> fills, <kbd>Esc</kbd> cancels<br>
      <kbd>F</kbd> flood fill<br>
      <kbd>[</kbd> <kbd>]</kbd> brush size<br>
      <kbd>Ctrl+Z</kbd> undo <kbd>Ctrl+Y</kbd> redo<br>
      <kbd>Ctrl+S</kbd> save (also automatic)<br>
      wheel zoom, <kbd>+</kbd> <kbd>-</kbd>, <kbd>Z</kbd> fit<br>
      pan: right / middle drag, or <kbd>Space</kbd>+drag<br>
      <kbd>←</kbd> <kbd>→</kbd> previous / next sample
    </p>
  </aside>
</div>
<script type="module" src="/app/_client.js"></script>
</body>
</html>
`;
}
