//! The window icon, made from `assets/icon.svg` (see `assets/icons/`).

/// The 256 px PNG of the app icon.
pub const ICON_PNG_256: &[u8] = include_bytes!("../../../assets/icons/256.png");

/// The window icon, or `None` if the embedded PNG cannot be decoded (then the platform's
/// default icon is used rather than failing to start).
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG_256).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_icon_decodes_to_a_square_image() {
        let icon = super::window_icon().expect("icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
