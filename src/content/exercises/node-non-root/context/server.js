const express = require('express');

const app = express();
app.get('/notes', (req, res) => res.json([{ id: 1, text: 'buy milk' }]));
app.listen(3000, () => console.log('notes-api on :3000'));
