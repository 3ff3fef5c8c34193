//! The site's icon, drawn here rather than kept as a file: a white check mark on the
//! header's dark blue, 32 × 32 pixels, as a Windows icon (`/favicon.ico`), and the same
//! drawing at the sizes an installed app needs, as PNG (the web app manifest's icons).

use std::sync::LazyLock;

/// The icon's side in pixels.
const SIDE: usize = 32;
/// The header's colour (`--accent-dark` of `app.css`), red, green, blue.
const BLUE: [u8; 3] = [0x07, 0x37, 0x63];
/// Samples per pixel side, for smooth edges.
const SAMPLES: usize = 4;

/// The icon file: one 32-bit image in the ICO container.
pub fn favicon_ico() -> &'static [u8] {
    static ICO: LazyLock<Vec<u8>> = LazyLock::new(|| ico(&draw()));
    &ICO
}

/// The icon `side` pixels wide and high as a PNG file (`side` at most 1024).
pub fn icon_png(side: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let side = side.clamp(16, 1024);
    let pixels: Vec<u8> = draw_at(side as usize).into_iter().flatten().collect();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&pixels, side, side, image::ExtendedColorType::Rgba8)
        .expect("a PNG of our own pixels encodes into memory");
    out
}

/// How much of the point (x, y) (pixel units of the 32-pixel icon, origin top left) each
/// shape covers: the rounded square, and the check mark on it.
fn inside(x: f32, y: f32) -> (bool, bool) {
    let (r, max) = (6.0_f32, SIDE as f32);
    let cx = x.clamp(r, max - r);
    let cy = y.clamp(r, max - r);
    let square = (x - cx).powi(2) + (y - cy).powi(2) <= r * r;
    let mark = [((8.5, 16.5), (13.5, 21.5)), ((13.5, 21.5), (23.5, 10.5))]
        .iter()
        .any(|&(a, b)| distance_to_segment((x, y), a, b) <= 2.25);
    (square, square && mark)
}

fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// The pixels of the 32-pixel icon, top row first, each red, green, blue, alpha.
fn draw() -> Vec<[u8; 4]> {
    draw_at(SIDE)
}

/// The pixels of the icon `side` pixels wide, top row first.
fn draw_at(side: usize) -> Vec<[u8; 4]> {
    let scale = SIDE as f32 / side as f32;
    let mut pixels = Vec::with_capacity(side * side);
    for row in 0..side {
        for col in 0..side {
            let (mut square, mut mark) = (0_u32, 0_u32);
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = col as f32 + (sx as f32 + 0.5) / SAMPLES as f32;
                    let y = row as f32 + (sy as f32 + 0.5) / SAMPLES as f32;
                    let (s, m) = inside(x * scale, y * scale);
                    square += u32::from(s);
                    mark += u32::from(m);
                }
            }
            let all = (SAMPLES * SAMPLES) as u32;
            // Of the covered part, the mark's share is white, the rest blue.
            let white = if square == 0 {
                0.0
            } else {
                mark as f32 / square as f32
            };
            let mix = |c: u8| (f32::from(c) * (1.0 - white) + 255.0 * white).round() as u8;
            let alpha = (square * 255 / all) as u8;
            pixels.push([mix(BLUE[0]), mix(BLUE[1]), mix(BLUE[2]), alpha]);
        }
    }
    pixels
}

/// `pixels` (top row first) as an ICO file holding one 32-bit bitmap.
fn ico(pixels: &[[u8; 4]]) -> Vec<u8> {
    let side = SIDE as u32;
    // A bitmap in an icon is stored bottom row first, its height counted twice (the colour
    // image and the 1-bit transparency mask below it; the alpha channel makes the mask unused).
    let mask_row = SIDE.div_ceil(32) * 4;
    let image_len = 40 + pixels.len() * 4 + mask_row * SIDE;
    let mut out = Vec::with_capacity(6 + 16 + image_len);
    for v in [0_u16, 1, 1] {
        out.extend(v.to_le_bytes()); // reserved, type icon, one image
    }
    out.extend([SIDE as u8, SIDE as u8, 0, 0]); // width, height, no palette, reserved
    out.extend(1_u16.to_le_bytes()); // planes
    out.extend(32_u16.to_le_bytes()); // bits per pixel
    out.extend((image_len as u32).to_le_bytes());
    out.extend(22_u32.to_le_bytes()); // the image follows these 6 + 16 bytes
    out.extend(40_u32.to_le_bytes());
    out.extend(side.to_le_bytes());
    out.extend((2 * side).to_le_bytes());
    out.extend(1_u16.to_le_bytes());
    out.extend(32_u16.to_le_bytes());
    out.extend([0_u8; 24]); // no compression, sizes and palette unused
    for row in pixels.chunks(SIDE).rev() {
        for [r, g, b, a] in row {
            out.extend([*b, *g, *r, *a]);
        }
    }
    out.resize(out.len() + mask_row * SIDE, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_is_a_32_pixel_icon_with_a_white_mark_on_blue_and_clear_corners() {
        let file = favicon_ico();
        assert_eq!(&file[..6], &[0, 0, 1, 0, 1, 0], "an icon file of one image");
        assert_eq!((file[6], file[7]), (32, 32));
        let size = u32::from_le_bytes(file[14..18].try_into().expect("4 bytes")) as usize;
        assert_eq!(
            file.len(),
            22 + size,
            "the directory tells the image's size"
        );
        let pixels = draw();
        assert_eq!(pixels[0][3], 0, "the corner is transparent");
        assert_eq!(pixels[2 * SIDE + 16], [BLUE[0], BLUE[1], BLUE[2], 255]);
        assert_eq!(
            pixels[21 * SIDE + 13],
            [255, 255, 255, 255],
            "the mark's corner"
        );
    }

    #[test]
    fn the_app_icons_are_the_same_drawing_as_png_at_their_size() {
        let png = icon_png(192);
        let image = image::load_from_memory(&png).expect("a PNG");
        assert_eq!((image.width(), image.height()), (192, 192));
        let rgba = image.to_rgba8();
        assert_eq!(rgba.get_pixel(0, 0)[3], 0, "the corner is transparent");
        assert_eq!(rgba.get_pixel(96, 12).0, [BLUE[0], BLUE[1], BLUE[2], 255]);
    }
}
