import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { setNativeThreads } from '@ganseg/native';
import { _loadAddon } from '/work/main/packages/native/dist/_addon.js';
const info = await initBackend();
setNativeThreads(1);
const addon = _loadAddon().addon;
const b = tf.backend();
const x = tf.randomNormal([1,64,64,64]); const f = tf.randomNormal([3,3,64,64]);
const out = tf.zeros([1,64,64,64]);
const off = (t)=>b.dataIdMap.get(t.dataId).memoryOffset;
const params = new Float64Array([0,1,64,64,64,64,64,64,3,3,1,1,1,1,1,1,1,1,1,0,0,0.2, off(x), off(f), -1, off(out)]);
function time(fn, n=200){ for(let i=0;i<20;i++)fn(); const ts=[]; for(let r=0;r<7;r++){const t0=performance.now(); for(let i=0;i<n;i++)fn(); ts.push((performance.now()-t0)/n);} ts.sort((a,b)=>a-b); return ts[3].toFixed(3);}
for (let rep=0;rep<3;rep++){
console.log('raw addon', time(()=>addon.conv(b.wasm.HEAPU8.buffer, params)));
console.log('tf.conv2d+dispose', time(()=>{const y=tf.conv2d(x,f,1,'same'); y.dispose();}));
console.log('makeOutput+dispose', time(()=>{const y=tf.engine().makeTensorFromTensorInfo(b.makeOutput([1,64,64,64],'float32')); y.dispose();}));
}
