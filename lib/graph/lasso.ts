/** The lasso's geometry: which drawn nodes a free-hand loop encloses. Pure, in rendered (screen) coordinates. */

/** Is a point inside a polygon (even-odd rule)? */
export function insidePolygon(point: { x: number; y: number }, polygon: readonly { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The ids of the points inside the loop; a loop of fewer than three points encloses nothing. */
export function enclosed(points: readonly { id: string; x: number; y: number }[], loop: readonly { x: number; y: number }[]): string[] {
  if (loop.length < 3) return [];
  return points.filter((point) => insidePolygon(point, loop)).map((point) => point.id);
}
