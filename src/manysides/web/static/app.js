// Clicking a contradiction's kind highlights both of its sentences in the side-by-side columns and
// scrolls the first into view. The only script on the site; it reads ids, never article text.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-targets]");
  if (!link) return;
  event.preventDefault();
  document.querySelectorAll(".highlight").forEach((el) => el.classList.remove("highlight"));
  const targets = link.dataset.targets.split(" ").map((id) => document.getElementById(id)).filter(Boolean);
  targets.forEach((el) => el.classList.add("highlight"));
  if (targets.length) targets[0].scrollIntoView({ behavior: "smooth", block: "center" });
});
