// Copy-link button of the share bar: copies the post's address, and says so for screen readers.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-zp-copy]");
  if (!button) return;
  const done = button.parentElement.querySelector(".zp-share__done");
  const url = button.dataset.zpCopy;
  try {
    await navigator.clipboard.writeText(url);
    done.textContent = "Đã sao chép liên kết.";
  } catch {
    // No clipboard (plain http, old browser): show the address so it can be copied by hand.
    window.prompt("Sao chép liên kết bài viết:", url);
  }
});
