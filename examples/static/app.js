document.getElementById("title").textContent += " (with JavaScript)";
