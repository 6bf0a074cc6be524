// Cairn portal: the few things that need script (ADR 0020): copy buttons and charts. Everything else is HTML.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy).innerText.trim();
  const state = document.getElementById(button.getAttribute("aria-describedby"));
  try {
    await navigator.clipboard.writeText(text);
    if (state) state.textContent = "Copied.";
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(button.dataset.copy));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (state) state.textContent = "Selected: press Ctrl+C to copy.";
  }
});

function decimalBytes(n) {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) { n /= 1000; unit++; }
  return (unit === 0 ? n.toFixed(0) : n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2)) + " " + units[unit];
}

function usageChart(canvas) {
  const data = JSON.parse(canvas.dataset.chart);
  const datasets = [
    { label: "Stored", data: data.stored, borderColor: "#0b5c8f", backgroundColor: "rgba(11,92,143,0.15)", fill: true },
    { label: "Protected", data: data.protected, borderColor: "#116329", borderDash: [6, 4], fill: false },
  ];
  if (data.limit !== undefined && Math.max(0, ...data.stored) > data.limit / 10) {
    datasets.push({ label: "Plan limit", data: data.labels.map(() => data.limit), borderColor: "#a40e26",
      borderWidth: 1, pointRadius: 0, fill: false });
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets },
    options: {
      animation: false,
      scales: { y: { beginAtZero: true, suggestedMax: 1000, ticks: { precision: 0, callback: (v) => decimalBytes(v) } } },
      plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + decimalBytes(c.parsed.y) } } },
    },
  });
}

document.addEventListener("DOMContentLoaded", () => {
  if (window.Chart) document.querySelectorAll("canvas[data-chart]").forEach(usageChart);
});
