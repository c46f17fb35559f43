/**
 * uPlot's axes, shown as an image of its canvas once drawn. Without GPU raster (many phones, and
 * headless Chromium) the main thread copies a page's 2D canvas out at every commit that repaints
 * (the readout, 4 times a second): about 5 MB at a phone's pixel ratio of 3, now and then a task of
 * 100 ms or more. An image is rasterised by the compositor's own threads. The axes change only
 * when the y scale grows or the chart is resized: then a new image replaces the old one.
 */
export interface AxesImage {
  /** uPlot has drawn: take a new image of its canvas. */
  update(): void;
  dispose(): void;
}

export function showAxesAsImage(canvas: HTMLCanvasElement): AxesImage {
  const img = document.createElement('img');
  img.className = 'live-axes';
  img.alt = '';
  img.setAttribute('aria-hidden', 'true');
  img.decoding = 'async';
  canvas.after(img);
  let url: string | null = null;
  let version = 0;
  let disposed = false;
  return {
    update() {
      const mine = ++version;
      canvas.toBlob((blob) => {
        // Only the newest drawing is shown; one that lost the race is dropped.
        if (disposed || blob === null || mine !== version) return;
        const next = URL.createObjectURL(blob);
        img.onload = () => {
          if (url !== null) URL.revokeObjectURL(url);
          url = next;
          canvas.style.visibility = 'hidden';
        };
        img.src = next;
      });
    },
    dispose() {
      disposed = true;
      if (url !== null) URL.revokeObjectURL(url);
      img.remove();
    },
  };
}
