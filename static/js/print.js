/* The print button of every paper and report (templates/papers/a4.html): any element
   marked data-print prints the page; the print stylesheet leaves the paper alone. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
