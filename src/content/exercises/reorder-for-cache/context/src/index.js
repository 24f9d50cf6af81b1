const express = require('express');
const pino = require('pino');

const log = pino();
const app = express();
app.get('/', (req, res) => res.send('Hello!'));
app.listen(8080, () => log.info('listening on :8080'));
