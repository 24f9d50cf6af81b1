import 'dotenv/config';
import { createServer } from 'node:http';

const links = new Map<string, string>([['gh', 'https://github.com']]);
createServer((req, res) => {
  const target = links.get((req.url ?? '/').slice(1));
  res.writeHead(target ? 302 : 404, target ? { location: target } : {});
  res.end();
}).listen(8080);
