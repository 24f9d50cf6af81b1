const express = require('express');

// The key is given when the container starts: docker run -e WEATHER_API_KEY=... weather-proxy
const key = process.env.WEATHER_API_KEY;
const app = express();
app.get('/forecast', async (req, res) => {
  const r = await fetch(`https://api.example.com/forecast?key=${key}`);
  res.json(await r.json());
});
app.listen(8080);
