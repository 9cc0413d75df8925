import sys, collections
import os
WN=os.environ.get('WNDIR', '/usr/share/wordnet') + '/'
def index(pos):
    senses={}
    for line in open(WN+'index.'+pos, encoding='latin-1'):
        if line.startswith(' '): continue
        f=line.split()
        lemma=f[0]; n=int(f[2]); p=int(f[3])
        offs=f[4+p+2:]
        senses[lemma]=offs
    return senses
def data(pos):
    syn={}
    for line in open(WN+'data.'+pos, encoding='latin-1'):
        if line.startswith(' '): continue
        f=line.split(' | ')[0].split()
        off=f[0]; lex=int(f[1]); wc=int(f[3],16)
        words=[f[4+2*i].lower() for i in range(wc)]
        i=4+2*wc; pc=int(f[i]); i+=1
        ptrs=[]
        for k in range(pc):
            ptrs.append((f[i],f[i+1],f[i+2],f[i+3])); i+=4
        syn[off]=(lex,words,ptrs)
    return syn
iv,inn=index('verb'),index('noun')
dv,dn=data('verb'),data('noun')
TOP=int(sys.argv[1]) if len(sys.argv)>1 else 1
def top(idx,w,k): return idx.get(w,[])[:k]
pairs=set()
def add(a,b):
    if a==b or '_' in a or '_' in b or '-' in a or '-' in b: return
    a,b=min(a,b),max(a,b); pairs.add((a,b))
EVENTLEX={4,11,19,22}
for v,offs in iv.items():
    for off in offs[:TOP]:
        lex,words,ptrs=dv[off]
        for w in words:
            w=w.split('(')[0]
            if off in top(iv,w,2): add(v,w)
        # derivations from v's word in this synset
        try: vi=words.index(v)+1
        except ValueError: continue
        for sym,toff,tpos,st in ptrs:
            if sym=='+' and tpos=='n':
                s,t=int(st[:2],16),int(st[2:],16)
                if s!=vi: continue
                nl,nw,_=dn[toff]
                if nl not in EVENTLEX: continue
                n=nw[t-1]
                if toff in top(inn,n,2): add(v,n)
for n,offs in inn.items():
    for off in offs[:TOP]:
        lex,words,ptrs=dn[off]
        if lex not in EVENTLEX: continue
        for w in words:
            w=w.split('(')[0]
            if off in top(inn,w,2): add(n,w)
for a,b in sorted(pairs): print(a+'\t'+b)
