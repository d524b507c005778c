/**
 * The annotator page's script (runs in the browser, loaded as `/app/_client.js`).
 * Plain DOM; no framework, no network access beyond this page's own server.
 */
import type { ClassInfo } from '@ganseg/formats';
import { _encodeRle } from './_rle.js';
import { _fillPolygon, _floodFill, _paintDisc, _paintLine, type _Mask, type _Rect, _unionRect } from './_raster.js';

interface WsSample { id: string; width: number; height: number; annotated: boolean; labelled: number | null; error?: string }
interface Ws { classes: ClassInfo[]; ignore: number; predict: boolean; samples: WsSample[] }
/** One undoable change: the pixels it changed, with their values before and after. */
interface Op { idx: Uint32Array; before: Uint8Array; after: Uint8Array }
type Tool = 'brush' | 'eraser' | 'polygon' | 'fill';

/** The ignore label: the server's (`ignore` of /api/workspace, @ganseg/formats' IGNORE_INDEX), set before anything paints. */
let IGNORE = -1;
/** Autosave delay after each change; `?autosave=<ms>` in the page's URL overrides it. */
const SAVE_DELAY_MS = Math.max(0, Number(new URLSearchParams(location.search).get('autosave') ?? 400) || 400);
const KEEPALIVE_MAX = 60_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};
const viewport = $('viewport');
const stage = $('stage');
const imageCanvas = $<HTMLCanvasElement>('image');
const maskCanvas = $<HTMLCanvasElement>('mask');
const overlay = document.getElementById('overlay') as unknown as SVGSVGElement;
const cursorEl = $('cursor');
const saveStateEl = $('save-state');
const messageEl = $('message');
const posEl = $('pos');
const sizeInput = $<HTMLInputElement>('size');
const opacityInput = $<HTMLInputElement>('opacity');
const fillModeInput = $<HTMLSelectElement>('fill-mode');
const toleranceInput = $<HTMLInputElement>('tolerance');
const maskCtx = maskCanvas.getContext('2d') as CanvasRenderingContext2D;
const imageCtx = imageCanvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;

const st = {
  ws: null as Ws | null,
  index: -1,
  id: '',
  mask: null as _Mask | null,
  maskImage: null as ImageData | null,
  pixels: null as Uint8ClampedArray | null,
  lut: new Uint8ClampedArray(256 * 4),
  tool: 'brush' as Tool,
  cls: 0,
  undo: [] as Op[],
  redo: [] as Op[],
  version: 0,
  savedVersion: 0,
  saving: null as Promise<void> | null,
  saveTimer: 0,
  locked: false,
  zoom: 1,
  panX: 0,
  panY: 0,
  stroke: null as null | { before: Uint8Array; rect: _Rect | null; lastX: number; lastY: number; value: number },
  pan: null as null | { x: number; y: number; panX: number; panY: number },
  space: false,
  poly: [] as number[],
  hover: null as null | { x: number; y: number },
};

function setMessage(text: string, info = false): void {
  messageEl.textContent = text;
  messageEl.className = info ? 'info' : '';
}

function setSaveState(state: 'saved' | 'unsaved' | 'saving' | 'error', text?: string): void {
  saveStateEl.dataset.state = state;
  saveStateEl.textContent = text ?? state;
}

// ---------------------------------------------------------------- palette and tools

function buildPalette(ws: Ws): void {
  st.lut.fill(0);
  ws.classes.forEach((c, i) => st.lut.set([c.color[0], c.color[1], c.color[2], 255], 4 * i));
  const ul = $('classes');
  ul.replaceChildren();
  const entries: { value: number; name: string; key: string; color: string | null }[] = ws.classes.map((c, i) => ({
    value: i,
    name: c.name,
    key: i < 9 ? String(i + 1) : '',
    color: `rgb(${c.color.join(',')})`,
  }));
  entries.push({ value: IGNORE, name: `ignore (${IGNORE})`, key: '0', color: null });
  for (const e of entries) {
    const li = document.createElement('li');
    li.dataset.value = String(e.value);
    const key = document.createElement('span');
    key.className = 'key';
    key.textContent = e.key;
    const sw = document.createElement('span');
    sw.className = e.color ? 'swatch' : 'swatch ignore';
    if (e.color) sw.style.background = e.color;
    const name = document.createElement('span');
    name.textContent = e.name;
    li.append(key, sw, name);
    li.addEventListener('click', () => selectClass(e.value));
    ul.append(li);
  }
  selectClass(Math.min(st.cls, ws.classes.length - 1));
}

function selectClass(value: number): void {
  st.cls = value;
  $('classes').querySelectorAll('li').forEach((li) => li.classList.toggle('current', Number(li.dataset.value) === value));
  if (st.tool === 'eraser') selectTool('brush');
}

function selectTool(tool: Tool): void {
  if (st.tool === 'polygon' && tool !== 'polygon') cancelPolygon();
  st.tool = tool;
  document.querySelectorAll<HTMLButtonElement>('[data-tool]').forEach((b) => b.classList.toggle('active', b.dataset.tool === tool));
  updateCursor();
}

/** The class value the current tool paints: the eraser paints the ignore label (unlabelled). */
function paintValue(): number {
  return st.tool === 'eraser' ? IGNORE : st.cls;
}

function brushSize(): number {
  const v = Math.round(Number(sizeInput.value));
  return Number.isFinite(v) ? Math.min(256, Math.max(1, v)) : 1;
}

// ---------------------------------------------------------------- rendering

function render(rect: _Rect | null): void {
  const m = st.mask;
  const img = st.maskImage;
  if (!m || !img || !rect) return;
  const { lut } = st;
  const out = img.data;
  for (let y = rect.y0; y <= rect.y1; y++) {
    for (let x = rect.x0; x <= rect.x1; x++) {
      const i = y * m.width + x;
      const v = 4 * m.data[i];
      out[4 * i] = lut[v];
      out[4 * i + 1] = lut[v + 1];
      out[4 * i + 2] = lut[v + 2];
      out[4 * i + 3] = lut[v + 3];
    }
  }
  maskCtx.putImageData(img, 0, 0, rect.x0, rect.y0, rect.x1 - rect.x0 + 1, rect.y1 - rect.y0 + 1);
}

function renderAll(): void {
  if (st.mask) render({ x0: 0, y0: 0, x1: st.mask.width - 1, y1: st.mask.height - 1 });
}

function applyTransform(): void {
  stage.style.transform = `translate(${st.panX}px, ${st.panY}px) scale(${st.zoom})`;
  updateCursor();
  drawPolygon();
}

function zoomFit(): void {
  if (!st.mask) return;
  const r = viewport.getBoundingClientRect();
  st.zoom = Math.max(0.05, Math.min(r.width / st.mask.width, r.height / st.mask.height) * 0.96);
  st.panX = (r.width - st.mask.width * st.zoom) / 2;
  st.panY = (r.height - st.mask.height * st.zoom) / 2;
  applyTransform();
}

/** Zooms by `factor` keeping the viewport point (vx, vy) fixed; the centre when not given. */
function zoomBy(factor: number, vx?: number, vy?: number): void {
  const r = viewport.getBoundingClientRect();
  const cx = vx ?? r.width / 2;
  const cy = vy ?? r.height / 2;
  const z = Math.min(64, Math.max(0.05, st.zoom * factor));
  st.panX = cx - ((cx - st.panX) * z) / st.zoom;
  st.panY = cy - ((cy - st.panY) * z) / st.zoom;
  st.zoom = z;
  applyTransform();
}

/** Mask coordinates (continuous) of a pointer event. */
function toMask(e: { clientX: number; clientY: number }): { x: number; y: number } {
  const r = maskCanvas.getBoundingClientRect();
  const m = st.mask as _Mask;
  return { x: ((e.clientX - r.left) * m.width) / r.width, y: ((e.clientY - r.top) * m.height) / r.height };
}

function updateCursor(e?: PointerEvent): void {
  if (e) st.hover = { x: e.clientX, y: e.clientY };
  const h = st.hover;
  const show = h && !st.pan && !st.space && (st.tool === 'brush' || st.tool === 'eraser');
  if (!show || !h) {
    cursorEl.style.display = h && !st.pan ? 'block' : 'none';
    if (h) {
      const vr = viewport.getBoundingClientRect();
      cursorEl.style.left = `${h.x - vr.left}px`;
      cursorEl.style.top = `${h.y - vr.top}px`;
      cursorEl.style.width = cursorEl.style.height = '7px';
    }
    return;
  }
  const vr = viewport.getBoundingClientRect();
  const d = Math.max(3, brushSize() * st.zoom);
  cursorEl.style.display = 'block';
  cursorEl.style.left = `${h.x - vr.left}px`;
  cursorEl.style.top = `${h.y - vr.top}px`;
  cursorEl.style.width = cursorEl.style.height = `${d}px`;
}

// ---------------------------------------------------------------- edits, undo, redo

/** Records the change between `before` and the current mask inside `rect` as one undoable step. */
function commit(before: Uint8Array, rect: _Rect | null): void {
  const m = st.mask;
  if (!m || !rect) return;
  const idx: number[] = [];
  for (let y = rect.y0; y <= rect.y1; y++) {
    for (let x = rect.x0; x <= rect.x1; x++) {
      const i = y * m.width + x;
      if (before[i] !== m.data[i]) idx.push(i);
    }
  }
  if (idx.length === 0) return;
  const op: Op = { idx: Uint32Array.from(idx), before: new Uint8Array(idx.length), after: new Uint8Array(idx.length) };
  idx.forEach((i, k) => {
    op.before[k] = before[i];
    op.after[k] = m.data[i];
  });
  st.undo.push(op);
  if (st.undo.length > 200) st.undo.shift();
  st.redo.length = 0;
  changed();
}

function applyOp(op: Op, values: Uint8Array): void {
  const m = st.mask as _Mask;
  let rect: _Rect | null = null;
  for (let k = 0; k < op.idx.length; k++) {
    const i = op.idx[k];
    m.data[i] = values[k];
    const x = i % m.width;
    const y = (i - x) / m.width;
    rect = _unionRect(rect, { x0: x, y0: y, x1: x, y1: y });
  }
  render(rect);
}

/** Moves the last operation of `from` to `to`, setting its pixels to its `values` (undo: before, redo: after). */
function replay(from: Op[], to: Op[], values: 'before' | 'after'): void {
  if (st.locked) return; // nothing is lost while the page is locked
  const op = from.pop();
  if (!op) return;
  applyOp(op, op[values]);
  to.push(op);
  changed();
}

function undo(): void {
  replay(st.undo, st.redo, 'before');
}

function redo(): void {
  replay(st.redo, st.undo, 'after');
}

function changed(): void {
  st.version++;
  changedButtons();
  setSaveState('unsaved');
  scheduleSave();
}

// ---------------------------------------------------------------- saving

function saveUrl(): string {
  const m = st.mask as _Mask;
  return `/api/masks/${encodeURIComponent(st.id)}?w=${m.width}&h=${m.height}&enc=rle`;
}

function scheduleSave(): void {
  clearTimeout(st.saveTimer);
  st.saveTimer = window.setTimeout(() => void save(), SAVE_DELAY_MS);
}

/** Saves the current mask when it changed since the last save; resolves once it is on disk (or failed). */
async function save(): Promise<void> {
  clearTimeout(st.saveTimer);
  while (st.saving) await st.saving;
  if (!st.mask || st.locked || st.version === st.savedVersion) return;
  const version = st.version;
  const id = st.id;
  const body = _encodeRle(st.mask.data);
  setSaveState('saving', 'saving…');
  st.saving = (async () => {
    try {
      const res = await fetch(saveUrl(), { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body });
      const json = (await res.json().catch(() => ({}))) as { error?: string; labelled?: number };
      if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
      if (st.id === id) {
        st.savedVersion = Math.max(st.savedVersion, version);
        setSaveState(st.version === st.savedVersion ? 'saved' : 'unsaved');
        setMessage('');
      }
      const s = st.ws?.samples.find((x) => x.id === id);
      if (s) {
        s.annotated = true;
        s.labelled = json.labelled ?? s.labelled;
        renderSampleList();
      }
    } catch (e) {
      setSaveState('error', 'not saved');
      setMessage(`Save failed: ${(e as Error).message}`);
    } finally {
      st.saving = null;
    }
  })();
  await st.saving;
}

/** When the page is hidden or closed: send unsaved strokes now, with keepalive so they outlive the page. */
function flushOnHide(): void {
  if (!st.mask || st.locked || st.version === st.savedVersion) return;
  clearTimeout(st.saveTimer);
  const body = _encodeRle(st.mask.data);
  const version = st.version;
  void fetch(saveUrl(), {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body,
    keepalive: body.byteLength <= KEEPALIVE_MAX,
  })
    .then((res) => {
      if (res.ok) {
        st.savedVersion = Math.max(st.savedVersion, version);
        if (st.version === st.savedVersion) setSaveState('saved');
      }
    })
    .catch(() => undefined);
}

// ---------------------------------------------------------------- samples

function renderSampleList(): void {
  const ws = st.ws;
  if (!ws) return;
  const ol = $('samples');
  ol.replaceChildren();
  ws.samples.forEach((s, i) => {
    const li = document.createElement('li');
    li.dataset.id = s.id;
    li.className = `${s.annotated ? 'annotated' : ''} ${i === st.index ? 'current' : ''}`.trim();
    const name = document.createElement('span');
    name.textContent = s.id;
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = s.error ? 'error' : s.annotated ? `✓ ${Math.round(100 * (s.labelled ?? 0))}%` : '—';
    state.title = s.error ?? (s.annotated ? 'annotated (share of labelled pixels)' : 'not annotated');
    li.append(name, state);
    li.addEventListener('click', () => void openSample(i));
    ol.append(li);
  });
  const done = ws.samples.filter((s) => s.annotated).length;
  $('ws-info').textContent = `${done} / ${ws.samples.length} annotated`;
}

async function fetchMask(url: string): Promise<_Mask | null> {
  const res = await fetch(url);
  if (res.status === 404) return null;
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(json.error ?? `HTTP ${res.status}`);
  }
  const width = Number(res.headers.get('x-mask-width'));
  const height = Number(res.headers.get('x-mask-height'));
  return { width, height, data: new Uint8Array(await res.arrayBuffer()) };
}

async function openSample(index: number): Promise<void> {
  const ws = st.ws;
  if (!ws || index < 0 || index >= ws.samples.length) return;
  await save();
  if (st.mask && !st.locked && st.version !== st.savedVersion && !confirm('This mask could not be saved. Leave it and lose the changes?')) return;
  delete document.body.dataset.ready;
  cancelPolygon();
  const s = ws.samples[index];
  st.index = index;
  st.id = s.id;
  st.undo.length = 0;
  st.redo.length = 0;
  st.version = st.savedVersion = 0;
  st.locked = false;
  setMessage('');
  renderSampleList();
  history.replaceState(null, '', `#${encodeURIComponent(s.id)}`);
  const img = new Image();
  img.src = `/samples/${encodeURIComponent(s.id)}.png`;
  await img.decode();
  const { naturalWidth: w, naturalHeight: h } = img;
  for (const c of [imageCanvas, maskCanvas]) {
    c.width = w;
    c.height = h;
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
  }
  overlay.setAttribute('viewBox', `0 0 ${w} ${h}`);
  overlay.setAttribute('width', String(w));
  overlay.setAttribute('height', String(h));
  imageCtx.drawImage(img, 0, 0);
  st.pixels = imageCtx.getImageData(0, 0, w, h).data;
  let mask: _Mask | null = null;
  try {
    mask = await fetchMask(`/api/masks/${encodeURIComponent(s.id)}`);
  } catch (e) {
    st.locked = true;
    setMessage(`Cannot edit this mask: ${(e as Error).message}`);
  }
  st.mask = mask ?? { width: w, height: h, data: new Uint8Array(w * h).fill(IGNORE) };
  st.maskImage = maskCtx.createImageData(w, h);
  renderAll();
  changedButtons();
  setSaveState(st.locked ? 'error' : 'saved', st.locked ? 'read-only' : mask ? 'saved' : 'no mask yet');
  if (!mask && !st.locked) setMessage(`Not annotated yet: paint to start (unpainted pixels stay ${IGNORE} = ignore).`, true);
  posEl.textContent = `${s.id}  ${w}x${h}`;
  zoomFit();
  document.body.dataset.ready = s.id;
}

function changedButtons(): void {
  ($('undo') as HTMLButtonElement).disabled = st.undo.length === 0;
  ($('redo') as HTMLButtonElement).disabled = st.redo.length === 0;
  ($('prev') as HTMLButtonElement).disabled = st.index <= 0;
  ($('next') as HTMLButtonElement).disabled = !st.ws || st.index >= st.ws.samples.length - 1;
}

async function loadPrediction(): Promise<void> {
  if (!st.mask || st.locked) return;
  setMessage('Loading prediction…', true);
  try {
    const pred = await fetchMask(`/api/predict/${encodeURIComponent(st.id)}`);
    if (!pred) throw new Error('no prediction available');
    if (pred.width !== st.mask.width || pred.height !== st.mask.height) throw new Error('prediction has the wrong size');
    const before = st.mask.data.slice();
    st.mask.data.set(pred.data);
    const rect = { x0: 0, y0: 0, x1: st.mask.width - 1, y1: st.mask.height - 1 };
    render(rect);
    commit(before, rect);
    setMessage('Prediction loaded (Ctrl+Z to undo).', true);
  } catch (e) {
    setMessage(`Prediction failed: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------- polygon

function drawPolygon(): void {
  overlay.replaceChildren();
  if (st.poly.length === 0) return;
  const ns = 'http://www.w3.org/2000/svg';
  const pts = [...st.poly];
  if (st.hover && st.mask) {
    const p = toMask({ clientX: st.hover.x, clientY: st.hover.y });
    pts.push(p.x, p.y);
  }
  const poly = document.createElementNS(ns, 'polygon');
  poly.setAttribute('points', pts.join(' '));
  const c = st.ws?.classes[st.cls]?.color;
  poly.setAttribute('fill', c ? `rgba(${c.join(',')},0.35)` : 'rgba(128,128,128,0.35)');
  poly.setAttribute('stroke', '#fff');
  poly.setAttribute('stroke-width', String(1.5 / st.zoom));
  overlay.append(poly);
}

function closePolygon(): void {
  if (!st.mask || st.locked || st.poly.length < 6) return;
  const before = st.mask.data.slice();
  const rect = _fillPolygon(st.mask, st.poly, st.cls);
  st.poly = [];
  drawPolygon();
  render(rect);
  commit(before, rect);
}

function cancelPolygon(): void {
  st.poly = [];
  drawPolygon();
}

// ---------------------------------------------------------------- pointer

viewport.addEventListener('contextmenu', (e) => e.preventDefault());

viewport.addEventListener('pointerdown', (e) => {
  if (!st.mask) return;
  viewport.setPointerCapture(e.pointerId);
  if (e.button === 1 || e.button === 2 || st.space) {
    st.pan = { x: e.clientX, y: e.clientY, panX: st.panX, panY: st.panY };
    viewport.style.cursor = 'grabbing';
    updateCursor(e);
    return;
  }
  if (e.button !== 0 || st.locked) return;
  const p = toMask(e);
  if (st.tool === 'brush' || st.tool === 'eraser') {
    const before = st.mask.data.slice();
    const value = paintValue();
    const rect = _paintDisc(st.mask, p.x, p.y, brushSize(), value);
    render(rect);
    st.stroke = { before, rect, lastX: p.x, lastY: p.y, value };
  } else if (st.tool === 'fill') {
    const x = Math.floor(p.x);
    const y = Math.floor(p.y);
    const before = st.mask.data.slice();
    const mode = fillModeInput.value === 'colour' ? 'colour' : 'mask';
    const rect = _floodFill(st.mask, x, y, st.cls, mode, st.pixels ?? undefined, Number(toleranceInput.value) || 0);
    render(rect);
    commit(before, rect);
  } else if (st.tool === 'polygon') {
    if (e.detail >= 2) {
      closePolygon();
      return;
    }
    const first = st.poly.length >= 6 ? { x: st.poly[0], y: st.poly[1] } : null;
    if (first && Math.hypot(first.x - p.x, first.y - p.y) * st.zoom < 6) {
      closePolygon();
      return;
    }
    st.poly.push(p.x, p.y);
    drawPolygon();
  }
});

viewport.addEventListener('pointermove', (e) => {
  updateCursor(e);
  if (st.pan) {
    st.panX = st.pan.panX + e.clientX - st.pan.x;
    st.panY = st.pan.panY + e.clientY - st.pan.y;
    applyTransform();
    return;
  }
  if (!st.mask) return;
  const p = toMask(e);
  posEl.textContent = `${st.id}  x=${Math.floor(p.x)} y=${Math.floor(p.y)}`;
  if (st.stroke) {
    const rect = _paintLine(st.mask, st.stroke.lastX, st.stroke.lastY, p.x, p.y, brushSize(), st.stroke.value);
    render(rect);
    st.stroke.rect = _unionRect(st.stroke.rect, rect);
    st.stroke.lastX = p.x;
    st.stroke.lastY = p.y;
  }
  if (st.poly.length) drawPolygon();
});

function endPointer(): void {
  if (st.pan) {
    st.pan = null;
    viewport.style.cursor = '';
  }
  if (st.stroke) {
    const { before, rect } = st.stroke;
    st.stroke = null;
    commit(before, rect);
  }
}
viewport.addEventListener('pointerup', endPointer);
viewport.addEventListener('pointercancel', endPointer);
viewport.addEventListener('pointerleave', () => {
  if (!st.stroke && !st.pan) {
    st.hover = null;
    updateCursor();
  }
});

viewport.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    zoomBy(Math.pow(1.2, -e.deltaY / 100), e.clientX - r.left, e.clientY - r.top);
  },
  { passive: false },
);

// ---------------------------------------------------------------- keyboard and buttons

window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  const inField = target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range';
  const ctrl = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (ctrl && k === 's') {
    e.preventDefault();
    void save();
    return;
  }
  if (ctrl && (k === 'y' || (k === 'z' && e.shiftKey))) {
    e.preventDefault();
    redo();
    return;
  }
  if (ctrl && k === 'z') {
    e.preventDefault();
    undo();
    return;
  }
  if (inField || ctrl || e.altKey || target.tagName === 'SELECT') return;
  const ws = st.ws;
  if (/^[1-9]$/.test(e.key) && ws && Number(e.key) <= ws.classes.length) selectClass(Number(e.key) - 1);
  else if (e.key === '0') selectClass(IGNORE);
  else if (k === 'b') selectTool('brush');
  else if (k === 'e') selectTool('eraser');
  else if (k === 'p') selectTool('polygon');
  else if (k === 'f') selectTool('fill');
  else if (e.key === '[') sizeInput.value = String(Math.max(1, brushSize() - (brushSize() > 10 ? 2 : 1)));
  else if (e.key === ']') sizeInput.value = String(Math.min(256, brushSize() + (brushSize() >= 10 ? 2 : 1)));
  else if (e.key === '+' || e.key === '=') zoomBy(1.25);
  else if (e.key === '-') zoomBy(0.8);
  else if (k === 'z') zoomFit();
  else if (e.key === 'Enter') closePolygon();
  else if (e.key === 'Escape') cancelPolygon();
  else if (e.key === 'Backspace' && st.poly.length) {
    st.poly.length -= 2;
    drawPolygon();
  } else if (e.key === 'ArrowRight') void openSample(st.index + 1);
  else if (e.key === 'ArrowLeft') void openSample(st.index - 1);
  else if (e.key === ' ') {
    st.space = true;
    updateCursor();
  } else return;
  e.preventDefault();
  updateCursor();
});
window.addEventListener('keyup', (e) => {
  if (e.key === ' ') {
    st.space = false;
    updateCursor();
  }
});

document.querySelectorAll<HTMLButtonElement>('[data-tool]').forEach((b) => {
  b.addEventListener('click', () => selectTool(b.dataset.tool as Tool));
});
$('prev').addEventListener('click', () => void openSample(st.index - 1));
$('next').addEventListener('click', () => void openSample(st.index + 1));
$('undo').addEventListener('click', undo);
$('redo').addEventListener('click', redo);
$('save').addEventListener('click', () => void save());
$('zoom-in').addEventListener('click', () => zoomBy(1.25));
$('zoom-out').addEventListener('click', () => zoomBy(0.8));
$('zoom-fit').addEventListener('click', zoomFit);
$('predict').addEventListener('click', () => void loadPrediction());
opacityInput.addEventListener('input', () => {
  maskCanvas.style.opacity = String(Number(opacityInput.value) / 100);
});
sizeInput.addEventListener('change', () => updateCursor());
window.addEventListener('resize', () => applyTransform());

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushOnHide();
});
window.addEventListener('pagehide', flushOnHide);
window.addEventListener('beforeunload', (e) => {
  if (st.mask && !st.locked && st.version !== st.savedVersion) {
    flushOnHide();
    e.preventDefault();
  }
});

// ---------------------------------------------------------------- start

async function main(): Promise<void> {
  maskCanvas.style.opacity = String(Number(opacityInput.value) / 100);
  selectTool('brush');
  const res = await fetch('/api/workspace');
  const json = (await res.json()) as Ws & { error?: string };
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  st.ws = json;
  IGNORE = json.ignore;
  buildPalette(json);
  $('predict').hidden = !json.predict;
  if (json.samples.length === 0) {
    setMessage('This workspace has no samples (samples/<id>.png).');
    return;
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const i = json.samples.findIndex((s) => s.id === wanted);
  await openSample(i >= 0 ? i : 0);
}

main().catch((e: unknown) => setMessage(`Cannot load the workspace: ${(e as Error).message}`));
