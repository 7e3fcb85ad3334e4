/* Photos are made smaller on the phone before they are sent, when the browser can: a
   4 MB photo travels as about 300 KB on a slow network. Without JavaScript the form
   works the same, and the server shrinks the photo (titles/selfservice/evidence.py). */
(function () {
  var input = document.querySelector("input[type=file][data-resize]");
  if (!input || !window.DataTransfer || !window.createImageBitmap) return;
  var MAX = 1600;

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 400000) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (done) {
        canvas.toBlob(function (blob) {
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          done(blob && blob.size < file.size ? new File([blob], name, { type: "image/jpeg" }) : file);
        }, "image/jpeg", 0.8);
      });
    }).catch(function () { return file; });
  }

  input.addEventListener("change", function () {
    Promise.all(Array.from(input.files).map(shrink)).then(function (files) {
      var list = new DataTransfer();
      files.forEach(function (f) { list.items.add(f); });
      input.files = list.files;
    });
  });
})();
