// Tibetan names and Hanyu Pinyin of the demo's province, prefectures and counties, so the Tibetan interface shows
// them beside the Chinese ones. Tibetan as used by the TAR government (with the generic: རྫོང་། county, ཆུས།
// district, ས་ཁུལ། prefecture); pinyin by GB/T 16159 (name and generic apart). See docs/glossary-bo.md.
export const placeNames: Record<string, { bo: string; pinyin: string }> = {
  "540000000000": { bo: "བོད་རང་སྐྱོང་ལྗོངས།", pinyin: "Xīzàng Zìzhìqū" },
  "540400000000": { bo: "ཉིང་ཁྲི་གྲོང་ཁྱེར།", pinyin: "Línzhī Shì" },
  "540402000000": { bo: "བྲག་ཡིབ་ཆུས།", pinyin: "Bāyí Qū" },
  "542500000000": { bo: "མངའ་རིས་ས་ཁུལ།", pinyin: "Ālǐ Dìqū" },
  "542521000000": { bo: "སྤུ་ཧྲེང་རྫོང་།", pinyin: "Pǔlán Xiàn" },
  "542522000000": { bo: "རྩ་མདའ་རྫོང་།", pinyin: "Zhádá Xiàn" },
  "542523000000": { bo: "སྒར་རྫོང་།", pinyin: "Gá'ěr Xiàn" },
  "542524000000": { bo: "རུ་ཐོག་རྫོང་།", pinyin: "Rìtǔ Xiàn" },
  "542525000000": { bo: "དགེ་རྒྱས་རྫོང་།", pinyin: "Géjí Xiàn" },
  "542526000000": { bo: "སྒེར་རྩེ་རྫོང་།", pinyin: "Gǎizé Xiàn" },
  "542527000000": { bo: "མཚོ་ཆེན་རྫོང་།", pinyin: "Cuòqín Xiàn" },
};
