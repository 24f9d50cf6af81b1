document.querySelector('#app').textContent = 'Hi, I build things.';
