// Direct vs Winograd oneDNN convolutions on the shapes ganseg trains (batch, channels, pixels), one
// call each way, activations and weights reordered from/to ganseg's NHWC/HWIO as csrc/conv.cc
// does; prints the median of 15 calls in ms. Not part of the build: the measurements behind
// conv.cc's winogradFits rule (README, "Winograd").
//   g++ -O2 -o /tmp/winograd-probe scripts/winograd-probe.cc -ldnnl && OMP_NUM_THREADS=1 /tmp/winograd-probe
#include <dnnl.hpp>
#include <chrono>
#include <cstdio>
#include <vector>
#include <algorithm>
using namespace dnnl; using tag=memory::format_tag; using dt=memory::data_type;
double now(){return std::chrono::duration<double,std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();}
template<class F> double med(F f){for(int i=0;i<3;i++) f(); std::vector<double> ts; for(int i=0;i<15;i++){double t=now(); f(); ts.push_back(now()-t);} std::sort(ts.begin(),ts.end()); return ts[7];}
engine eng(engine::kind::cpu,0); stream s(eng);
// one of fwd/bd/bw, direct on nhwc user memory vs winograd with reorders
void run(int N,int IC,int OC,int H){
  memory::dims xd{N,IC,H,H}, yd{N,OC,H,H}, wd{OC,IC,3,3};
  auto x=memory::desc(xd,dt::f32,tag::nhwc), y=memory::desc(yd,dt::f32,tag::nhwc), wu=memory::desc(wd,dt::f32,tag::hwio);
  auto xa=memory::desc(xd,dt::f32,tag::any), ya=memory::desc(yd,dt::f32,tag::any), wa=memory::desc(wd,dt::f32,tag::any);
  memory Xu(x,eng), Yu(y,eng), Wu(wu,eng);
  double r[2][3];
  for(int a=0;a<2;a++){
    auto alg=a?algorithm::convolution_winograd:algorithm::convolution_direct;
    auto X=a?xa:x, Y=a?ya:y;
    try{
    auto f=convolution_forward::primitive_desc(convolution_forward::desc(prop_kind::forward_training,alg,X,wa,Y,{1,1},{1,1},{1,1}),eng);
    auto bd=convolution_backward_data::primitive_desc(convolution_backward_data::desc(alg,X,wa,Y,{1,1},{1,1},{1,1}),eng,f);
    auto bw=convolution_backward_weights::primitive_desc(convolution_backward_weights::desc(alg,X,wa,Y,{1,1},{1,1},{1,1}),eng,f);
    memory fX(f.src_desc(),eng), fW(f.weights_desc(),eng), fY(f.dst_desc(),eng);
    reorder rx(Xu,fX), rw(Wu,fW), ry(fY,Yu), ryi(Yu,fY), rxo(fX,Xu), rwo(fW,Wu);
    convolution_forward cf(f); convolution_backward_data cb(bd); convolution_backward_weights cw(bw);
    bool rX=f.src_desc()!=x, rY=f.dst_desc()!=y;
    r[a][0]=med([&]{ if(rX) rx.execute(s,Xu,fX); rw.execute(s,Wu,fW); cf.execute(s,{{DNNL_ARG_SRC,fX},{DNNL_ARG_WEIGHTS,fW},{DNNL_ARG_DST,fY}}); if(rY) ry.execute(s,fY,Yu); s.wait();});
    r[a][1]=med([&]{ if(rY) ryi.execute(s,Yu,fY); rw.execute(s,Wu,fW); cb.execute(s,{{DNNL_ARG_DIFF_SRC,fX},{DNNL_ARG_WEIGHTS,fW},{DNNL_ARG_DIFF_DST,fY}}); if(rX) rxo.execute(s,fX,Xu); s.wait();});
    r[a][2]=med([&]{ if(rY) ryi.execute(s,Yu,fY); if(rX) rx.execute(s,Xu,fX); cw.execute(s,{{DNNL_ARG_SRC,fX},{DNNL_ARG_DIFF_WEIGHTS,fW},{DNNL_ARG_DIFF_DST,fY}}); rwo.execute(s,fW,Wu); s.wait();});
    if(a) printf("N%d %d->%d %dpx  fwd %.3f/%.3f bd %.3f/%.3f bw %.3f/%.3f  (%s)\n",N,IC,OC,H,r[0][0],r[1][0],r[0][1],r[1][1],r[0][2],r[1][2],f.impl_info_str());
    }catch(dnnl::error&e){ if(a) printf("N%d %d->%d %dpx  no winograd\n",N,IC,OC,H); }
  }
}
int main(){
  int cs[][4]={{1,64,64,64},{1,128,128,32},{1,64,64,128},{8,64,64,4},{8,64,64,8},{8,64,64,16},{8,64,64,32},{8,32,32,64},{8,16,16,64},{8,64,32,32},{8,32,16,64},{8,16,8,64},{4,64,64,64},{4,128,128,32},{4,256,256,16},{4,512,512,8},{1,256,256,32},{1,48,48,64},{1,304,256,64},{1,256,256,64},{20,256,256,64}};
  for(auto&c:cs) run(c[0],c[1],c[2],c[3]);
}
