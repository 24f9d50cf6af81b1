#!/usr/bin/env python3
"""Regenerates ../apt-packages.json from the Debian bookworm package index of this machine.
Run on Debian bookworm as root after `apt-get update`, from a folder holding debs/<name>.list for every package
(`apt-get download` of the catalogue's versions, then `dpkg -c` of each .deb: the files as shipped, which a
machine's installed copies may no longer match); a package without a list is read with `dpkg -L`."""
import collections, json, os, re, subprocess

def parse_records(text):
    out = []
    for block in text.split('\n\n'):
        d = {}; key = None
        for line in block.split('\n'):
            if not line: continue
            if line[0] in ' \t':
                if key: d[key] += '\n' + line
                continue
            k, _, v = line.partition(':'); key = k; d[k] = v.strip()
        if 'Package' in d: out.append(d)
    return out
def debian_record(n):
    """The newest version of `n` that Debian itself ships (apt-cache show lists every version apt knows)."""
    best = None
    for d in parse_records(subprocess.run(['apt-cache', 'show', n], capture_output=True, text=True).stdout):
        if 'nodesource' in d['Version']: continue
        if best is None or subprocess.run(['dpkg', '--compare-versions', d['Version'], 'gt', best['Version']]).returncode == 0:
            best = d
    return best
def read_index():
    """Every package of the configured sources, newest version of each (apt-cache dumpavail)."""
    recs = {}
    for d in parse_records(subprocess.run(['apt-cache', 'dumpavail'], capture_output=True, text=True).stdout):
        n = d.get('Package')
        if n is None: continue
        if 'nodesource' in d.get('Version', ''):
            # This machine pins NodeSource's nodejs; take Debian's own from the full index instead.
            d = debian_record(n)
            if d is None: continue
        if n not in recs or subprocess.run(['dpkg', '--compare-versions', d['Version'], 'gt', recs[n]['Version']]).returncode == 0:
            recs[n] = d
    return recs
recs = read_index()
provides = {}
for n,d in recs.items():
    for p in re.split(r',\s*', d.get('Provides','')):
        p = p.split(' ')[0].strip()
        if p: provides.setdefault(p, []).append(n)
def parse(field):
    out=[]
    for alt in re.split(r',\s*', field or ''):
        alt=alt.strip()
        if not alt: continue
        names=[re.sub(r'[:(\[].*','',a.strip()).strip() for a in alt.split('|')]
        out.append(names)
    return out
def resolve(names):
    for n in names:
        if n in recs: return n
        if n in provides: return sorted(provides[n])[0]
    return None
def deps(n, rec=False):
    d=recs[n]; r=[]
    for f in ['Pre-Depends','Depends']+(['Recommends'] if rec else []):
        for alt in parse(d.get(f)):
            x=resolve(alt)
            if x: r.append(x)
    return r
base_roots=[n for n,d in recs.items() if d.get('Priority')=='required' and d.get('Essential','')!='' or d.get('Priority')=='required']
base_roots += ['apt']
base=set()
stack=list(base_roots)
while stack:
    n=stack.pop()
    if n in base or n not in recs: continue
    base.add(n); stack+=deps(n)
def closure(roots, rec):
    seen=set(); stack=list(roots)
    while stack:
        n=stack.pop()
        if n in seen or n in base: continue
        seen.add(n); stack+=deps(n,rec)
    return seen

tops = "nodejs build-essential gcc g++ make git curl wget ca-certificates python3 python3-pip python3-venv python3-dev openssl tzdata libpq-dev libssl-dev unzip xz-utils gnupg procps pkg-config dumb-init tini netcat-openbsd iputils-ping vim-tiny nano less jq zip file sqlite3 libsqlite3-dev postgresql-client default-jre-headless locales bzip2 patch".split()
u=set()
for t in tops:
    if t not in recs: print('missing',t); continue
    u|=closure([t],True)
allp=set(u)
def filelist(n):
    """[(path, kind, size, target)] from dpkg -L (installed here) or dpkg -c of the downloaded .deb."""
    out=[]
    lp='debs/%s.list'%n
    if os.path.exists(lp):
        for line in open(lp):
            parts=line.split()
            perm,size,path=parts[0],int(parts[2]),parts[5]
            path=path[1:] if path.startswith('.') else path
            if perm[0]=='d': continue
            if perm[0]=='l': out.append((path,'symlink',0,parts[7]))
            else: out.append((path,'file',size,None))
        return out
    r=subprocess.run(['dpkg','-L',n],capture_output=True,text=True)
    for p in r.stdout.split('\n'):
        if not p or p=='/.' : continue
        if os.path.islink(p): out.append((p,'symlink',0,os.readlink(p)))
        elif os.path.isfile(p): out.append((p,'file',os.path.getsize(p),None))
    return out
MARKER_FILES={'/usr/lib/python3.11/EXTERNALLY-MANAGED'}
BIN=('/usr/bin/','/usr/sbin/','/bin/','/sbin/','/usr/local/bin/')
def link_targets():
    """Files that programs on PATH link to from another package (pdb3.11 → libpython3.11-stdlib's pdb.py)."""
    out=set()
    for n in allp:
        for p,k,_,t in filelist(n):
            if k=='symlink' and p.startswith(BIN): out.add(os.path.normpath(os.path.join(os.path.dirname(p),t)))
    return out
LINKED=link_targets()
def entry(n):
    d=recs[n]; kib=int(d.get('Installed-Size',0))
    fl=filelist(n)
    # Every program on PATH, and the files its links lead to in this package: a program the
    # package installs must be found by name (a folder's bulk has no names).
    bins=[f for f in fl if f[0].startswith(BIN)]
    bins.sort(key=lambda f:-f[2])
    byPath={f[0]:f for f in fl}
    for f in list(bins):
        if f[1]=='symlink':
            t=byPath.get(os.path.normpath(os.path.join(os.path.dirname(f[0]),f[3])))
            if t and t[1]=='file' and t not in bins: bins.append(t)
    rest=[f for f in fl if f not in bins and f[1]=='file']
    rest.sort(key=lambda f:-f[2])
    big=[f for f in rest if f[2]>=512*1024][:6]
    # Small files whose presence programs check (pip refuses a distribution's Python that has this marker),
    # and files another package's programs link to.
    big+=[f for f in rest if (f[0] in MARKER_FILES or f[0] in LINKED) and f not in big]
    listed=bins+big
    bulkfiles=[f for f in rest if f not in big]
    groups=collections.defaultdict(lambda:[0,0])
    for f in bulkfiles:
        parts=os.path.dirname(f[0]).split('/')
        parts=parts[:4] if f[0].startswith(('/usr/share/locale/','/usr/share/man/')) else parts[:5]
        g='/'.join(parts) or '/'
        groups[g][0]+=1; groups[g][1]+=f[2]
    total=kib*1024; listedbytes=sum(f[2] for f in listed)
    remaining=max(0,total-listedbytes)
    top=sorted(groups.items(),key=lambda kv:-kv[1][1])[:3]
    if not top and remaining>0: top=[('/usr/share/doc/'+n,[1,remaining])]
    tb=sum(v[1] for _,v in top) or 1
    bulk=[]; acc=0
    for i,(p,(c,b)) in enumerate(top):
        share=remaining-acc if i==len(top)-1 else round(remaining*b/tb)
        acc+=share
        cnt=c+ (sum(v[0] for _,v in groups.items())-sum(v[0] for _,v in top) if i==0 else 0)
        bulk.append({'path':p,'files':cnt,'bytes':share})
    files=[]
    for p,k,s,t in listed:
        files.append({'path':p,'target':t} if k=='symlink' else {'path':p,'size':s})
    e={'version':d['Version'],'installedSizeKiB':kib,'debSize':int(d.get('Size',0))}
    dep=[x for x in deps(n) if x in allp and x!=n]
    rec=[x for x in set(deps(n,True))-set(deps(n)) if x in allp and x!=n]
    if dep: e['depends']=sorted(set(dep))
    if rec: e['recommends']=sorted(rec)
    if files: e['files']=files
    if bulk: e['bulk']=bulk
    return e
pk={n:entry(n) for n in sorted(allp)}
out={
 'source':"Debian bookworm package index (main, bookworm-updates, bookworm-security) read with `apt-cache show` on 2026-11-23: version, Installed-Size (KiB), Size of the .deb (debSize, bytes), Depends/Pre-Depends and Recommends (first alternative, virtual packages resolved to a provider). File paths and sizes from `dpkg -L` of the same versions (or `dpkg -c` of the downloaded .deb); 'bulk' spreads the rest of Installed-Size over the package's largest folders by their real share. Ubuntu images use these Debian figures too (their own differ slightly).",
 'release':'bookworm',
 'base':{'source':"Packages present in every debian:bookworm image: Priority: required packages plus apt, with their Depends (closure computed from the same index). apt-get treats them as installed.",'packages':sorted(base)},
 'lists':{'source':"Measured: /var/lib/apt/lists after `apt-get update` on Debian bookworm with the default debian.sources (bookworm, bookworm-updates, bookworm-security; main; amd64; lz4 indexes), 2026-11-23.",
   'files':[{'name':f,'size':os.path.getsize('/var/lib/apt/lists/'+f)} for f in sorted(os.listdir('/var/lib/apt/lists')) if os.path.isfile('/var/lib/apt/lists/'+f) and f!='lock']},
 'alternatives':{'source':"Measured on Debian bookworm: the symlinks the packages' postinst scripts create with update-alternatives (ls -l /usr/bin/cc /etc/alternatives/cc ...)",
   'links':{'gcc':[{'path':'/etc/alternatives/'+n,'target':t} for n,t in [('cc','/usr/bin/gcc')]]+[{'path':'/usr/bin/cc','target':'/etc/alternatives/cc'}]+[x for n in ('c89','c99') for x in ({'path':'/etc/alternatives/'+n,'target':'/usr/bin/'+n+'-gcc'},{'path':'/usr/bin/'+n,'target':'/etc/alternatives/'+n})],
            'g++':[{'path':'/etc/alternatives/c++','target':'/usr/bin/g++'},{'path':'/usr/bin/c++','target':'/etc/alternatives/c++'}]}},
 'packages':pk,
}
pkgs=out.pop('packages')
with open(os.path.join(os.path.dirname(__file__), '..', 'apt-packages.json'),'w') as fh:
    body=json.dumps(out,indent=2)[:-2]
    fh.write(body+',\n  "packages": {\n'+',\n'.join('    %s: %s'%(json.dumps(k),json.dumps(v,separators=(',',':'))) for k,v in pkgs.items())+'\n  }\n}\n')
pk=pkgs

