/**
 * Node scripts the page runs inside the WebContainer (`node -e SCRIPT ARGS`).
 * Copying and listing run there with Node's fs: one process instead of a message per file
 * (node_modules has thousands), and fs.cpSync keeps npm's symlinks (node_modules/.bin).
 */

/** `node -e COPY_SCRIPT FROM TO`: COPY's rule: a file lands at TO; a folder's contents merge into folder TO. */
export const COPY_SCRIPT = `const fs=require('fs'),path=require('path');const [from,to]=process.argv.slice(1);
if(fs.statSync(from).isDirectory()){fs.mkdirSync(to,{recursive:true});fs.cpSync(from,to,{recursive:true,force:true,verbatimSymlinks:true});}
else{fs.mkdirSync(path.dirname(to),{recursive:true});fs.copyFileSync(from,to);}`;
/** `node -e LIST_SCRIPT DIR`: one JSON line, every file under DIR with its size, sorted by path (none when DIR is missing). */
export const LIST_SCRIPT = `const fs=require('fs'),path=require('path');const out=[];
const walk=(dir,rel)=>{let entries;try{entries=fs.readdirSync(dir,{withFileTypes:true});}catch{return;}
for(const e of entries){const full=path.join(dir,e.name),name=rel?rel+'/'+e.name:e.name;
if(e.isDirectory())walk(full,name);else if(e.isFile())out.push({path:name,size:fs.statSync(full).size});}};
walk(process.argv[1],'');out.sort((a,b)=>a.path<b.path?-1:a.path>b.path?1:0);console.log(JSON.stringify(out));`;
