import { createServer } from 'node:http';

const greeting: string = 'hello';
createServer((_req, res) => res.end(greeting)).listen(3000);
