"""The standing pages every Indonesian news site has, with default text an admin then makes the site's own.

Pedoman Pemberitaan Media Siber is the press council's text (Dewan Pers, 3 Februari 2012), as media
siber publish it; the others are starting points. A page an admin already made is left as it is.
"""

from django.db import migrations

TENTANG_KAMI = """
<p><strong>detakbanten.com</strong> adalah media siber yang memberitakan peristiwa di Provinsi Banten dan
sekitarnya: Kota Serang, Kota Cilegon, Kota Tangerang, Kota Tangerang Selatan, Kabupaten Serang, Kabupaten
Tangerang, Kabupaten Pandeglang dan Kabupaten Lebak.</p>
<p>Kami menulis untuk warga: kebijakan pemerintah daerah dan DPRD, pelayanan publik, pendidikan, kesehatan,
ekonomi rakyat, olahraga dan peristiwa sehari-hari di kecamatan dan desa. Setiap berita ditulis wartawan
kami di lapangan dan diperiksa redaktur sebelum terbit.</p>
<h2>Prinsip kami</h2>
<ul>
<li>Bekerja berdasarkan Undang-Undang Nomor 40 Tahun 1999 tentang Pers, Kode Etik Jurnalistik dan Pedoman
Pemberitaan Media Siber.</li>
<li>Memverifikasi setiap informasi dan memberi ruang yang berimbang kepada semua pihak.</li>
<li>Memuat ralat, koreksi dan hak jawab secara terbuka, tertaut pada berita yang bersangkutan.</li>
<li>Membedakan dengan tegas berita dan konten berbayar (advertorial).</li>
</ul>
<p>Saran, kritik dan informasi dari pembaca dapat dikirim melalui halaman Kontak.</p>
"""

REDAKSI = """
<p>Susunan redaksi detakbanten.com:</p>
<p><strong>Pemimpin Umum</strong><br>Nama Pemimpin Umum</p>
<p><strong>Pemimpin Redaksi / Penanggung Jawab</strong><br>Nama Pemimpin Redaksi</p>
<p><strong>Redaktur Pelaksana</strong><br>Nama Redaktur Pelaksana</p>
<p><strong>Redaktur</strong><br>Nama-nama redaktur</p>
<p><strong>Reporter</strong><br>Nama-nama reporter di Serang, Cilegon, Tangerang, Tangerang Selatan, Pandeglang
dan Lebak</p>
<p><strong>Fotografer</strong><br>Nama fotografer</p>
<p><strong>Iklan dan Pemasaran</strong><br>Nama penanggung jawab iklan</p>
<h2>Alamat redaksi</h2>
<p>Jalan ..., Kota Serang, Banten<br>Surel: <a href="mailto:redaksi@detakbanten.com">redaksi@detakbanten.com</a></p>
<p>Wartawan detakbanten.com dibekali kartu pers dan tidak menerima imbalan dalam bentuk apa pun dari
narasumber. Bila ada yang mengatasnamakan redaksi untuk meminta uang, mohon laporkan kepada kami.</p>
"""

PEDOMAN = """
<p>Kemerdekaan berpendapat, kemerdekaan berekspresi, dan kemerdekaan pers adalah hak asasi manusia yang
dilindungi Pancasila, Undang-Undang Dasar 1945, dan Deklarasi Universal Hak Asasi Manusia PBB. Keberadaan
media siber di Indonesia juga merupakan bagian dari kemerdekaan berpendapat, kemerdekaan berekspresi, dan
kemerdekaan pers.</p>
<p>Media siber memiliki karakter khusus sehingga memerlukan pedoman agar pengelolaannya dapat dilaksanakan
secara profesional, memenuhi fungsi, hak, dan kewajibannya sesuai Undang-Undang Nomor 40 Tahun 1999 tentang
Pers dan Kode Etik Jurnalistik. Untuk itu Dewan Pers bersama organisasi pers, pengelola media siber, dan
masyarakat menyusun Pedoman Pemberitaan Media Siber sebagai berikut:</p>

<h2>1. Ruang Lingkup</h2>
<ol type="a">
<li>Media Siber adalah segala bentuk media yang menggunakan wahana internet dan melaksanakan kegiatan
jurnalistik, serta memenuhi persyaratan Undang-Undang Pers dan Standar Perusahaan Pers yang ditetapkan
Dewan Pers.</li>
<li>Isi Buatan Pengguna (<em>User Generated Content</em>) adalah segala isi yang dibuat dan atau
dipublikasikan oleh pengguna media siber, antara lain, artikel, gambar, komentar, suara, video dan berbagai
bentuk unggahan yang melekat pada media siber, seperti blog, forum, komentar pembaca atau pemirsa, dan
bentuk lain.</li>
</ol>

<h2>2. Verifikasi dan Keberimbangan Berita</h2>
<ol type="a">
<li>Pada prinsipnya setiap berita harus melalui verifikasi.</li>
<li>Berita yang dapat merugikan pihak lain memerlukan verifikasi pada berita yang sama untuk memenuhi
prinsip akurasi dan keberimbangan.</li>
<li>Ketentuan dalam butir (a) di atas dikecualikan, dengan syarat:
<ol>
<li>Berita benar-benar mengandung kepentingan publik yang bersifat mendesak;</li>
<li>Sumber berita yang pertama adalah sumber yang jelas disebutkan identitasnya, kredibel dan
kompeten;</li>
<li>Subyek berita yang harus dikonfirmasi tidak diketahui keberadaannya dan atau tidak dapat
diwawancarai;</li>
<li>Media memberikan penjelasan kepada pembaca bahwa berita tersebut masih memerlukan verifikasi lebih
lanjut yang diupayakan dalam waktu secepatnya. Penjelasan dimuat pada bagian akhir dari berita yang sama,
di dalam kurung dan menggunakan huruf miring.</li>
</ol>
</li>
<li>Setelah memuat berita sesuai dengan butir (c), media wajib meneruskan upaya verifikasi, dan setelah
verifikasi didapatkan, hasil verifikasi dicantumkan pada berita pemutakhiran (<em>update</em>) dengan
tautan pada berita yang belum terverifikasi.</li>
</ol>

<h2>3. Isi Buatan Pengguna (<em>User Generated Content</em>)</h2>
<ol type="a">
<li>Media siber wajib mencantumkan syarat dan ketentuan mengenai Isi Buatan Pengguna yang tidak
bertentangan dengan Undang-Undang Nomor 40 Tahun 1999 tentang Pers dan Kode Etik Jurnalistik, yang
ditempatkan secara terang dan jelas.</li>
<li>Media siber mewajibkan setiap pengguna untuk melakukan registrasi keanggotaan dan melakukan proses
<em>log-in</em> terlebih dahulu untuk dapat mempublikasikan semua bentuk Isi Buatan Pengguna. Ketentuan
mengenai <em>log-in</em> akan diatur lebih lanjut.</li>
<li>Dalam registrasi tersebut, media siber mewajibkan pengguna memberi persetujuan tertulis bahwa Isi
Buatan Pengguna yang dipublikasikan:
<ol>
<li>Tidak memuat isi bohong, fitnah, sadis dan cabul;</li>
<li>Tidak memuat isi yang mengandung prasangka dan kebencian terkait dengan suku, agama, ras, dan
antargolongan (SARA), serta menganjurkan tindakan kekerasan;</li>
<li>Tidak memuat isi diskriminatif atas dasar perbedaan jenis kelamin dan bahasa, serta tidak
merendahkan martabat orang lemah, miskin, sakit, cacat jiwa, atau cacat jasmani.</li>
</ol>
</li>
<li>Media siber memiliki kewenangan mutlak untuk mengedit atau menghapus Isi Buatan Pengguna yang
bertentangan dengan butir (c).</li>
<li>Media siber wajib menyediakan mekanisme pengaduan Isi Buatan Pengguna yang dinilai melanggar
ketentuan pada butir (c). Mekanisme tersebut harus disediakan di tempat yang dengan mudah dapat diakses
pengguna.</li>
<li>Media siber wajib menyunting, menghapus, dan melakukan tindakan koreksi setiap Isi Buatan Pengguna
yang dilaporkan dan melanggar ketentuan butir (c), sesegera mungkin secara proporsional selambat-lambatnya
2 x 24 jam setelah pengaduan diterima.</li>
<li>Media siber yang telah memenuhi ketentuan pada butir (a), (b), (c), dan (f) tidak dibebani tanggung
jawab atas masalah yang ditimbulkan akibat pemuatan isi yang melanggar ketentuan pada butir (c).</li>
<li>Media siber bertanggung jawab atas Isi Buatan Pengguna yang dilaporkan bila tidak mengambil tindakan
koreksi setelah batas waktu sebagaimana tersebut pada butir (f).</li>
</ol>

<h2>4. Ralat, Koreksi, dan Hak Jawab</h2>
<ol type="a">
<li>Ralat, koreksi, dan hak jawab mengacu pada Undang-Undang Pers, Kode Etik Jurnalistik, dan Pedoman Hak
Jawab yang ditetapkan Dewan Pers.</li>
<li>Ralat, koreksi dan atau hak jawab wajib ditautkan pada berita yang diralat, dikoreksi atau yang diberi
hak jawab.</li>
<li>Di setiap berita ralat, koreksi, dan hak jawab wajib dicantumkan waktu pemuatan ralat, koreksi, dan
atau hak jawab tersebut.</li>
<li>Bila suatu berita media siber tertentu disebarluaskan media siber lain, maka:
<ol>
<li>Tanggung jawab media siber pembuat berita terbatas pada berita yang dipublikasikan di media siber
tersebut atau media siber yang berada di bawah otoritas teknisnya;</li>
<li>Koreksi berita yang dilakukan oleh sebuah media siber, juga harus dilakukan oleh media siber lain
yang mengutip berita dari media siber yang dikoreksi itu;</li>
<li>Media yang menyebarluaskan berita dari sebuah media siber dan tidak melakukan koreksi atas berita
sesuai yang dilakukan oleh media siber pemilik dan atau pembuat berita tersebut, bertanggung jawab penuh
atas semua akibat hukum dari berita yang tidak dikoreksinya itu.</li>
</ol>
</li>
<li>Sesuai dengan Undang-Undang Pers, media siber yang tidak melayani hak jawab dapat dijatuhi sanksi
hukum pidana denda paling banyak Rp500.000.000 (lima ratus juta rupiah).</li>
</ol>

<h2>5. Pencabutan Berita</h2>
<ol type="a">
<li>Berita yang sudah dipublikasikan tidak dapat dicabut karena alasan penyensoran dari pihak luar
redaksi, kecuali terkait masalah SARA, kesusilaan, masa depan anak, pengalaman traumatik korban atau
berdasarkan pertimbangan khusus lain yang ditetapkan Dewan Pers.</li>
<li>Media siber lain wajib mengikuti pencabutan kutipan berita dari media asal yang telah dicabut.</li>
<li>Pencabutan berita wajib disertai dengan alasan pencabutan dan diumumkan kepada publik.</li>
</ol>

<h2>6. Iklan</h2>
<ol type="a">
<li>Media siber wajib membedakan dengan tegas antara produk berita dan iklan.</li>
<li>Setiap berita/artikel/isi yang merupakan iklan dan atau isi berbayar wajib mencantumkan keterangan
"advertorial", "iklan", "ads", "sponsored", atau kata lain yang menjelaskan bahwa berita/artikel/isi
tersebut adalah iklan.</li>
</ol>

<h2>7. Hak Cipta</h2>
<p>Media siber wajib menghormati hak cipta sebagaimana diatur dalam peraturan perundang-undangan yang
berlaku.</p>

<h2>8. Pencantuman Pedoman</h2>
<p>Media siber wajib mencantumkan Pedoman Pemberitaan Media Siber ini di medianya secara terang dan
jelas.</p>

<h2>9. Sengketa</h2>
<p>Penilaian akhir atas sengketa mengenai pelaksanaan Pedoman Pemberitaan Media Siber ini diselesaikan oleh
Dewan Pers.</p>

<p>Jakarta, 3 Februari 2012</p>
<p><em>Pedoman ini ditandatangani oleh Dewan Pers dan komunitas pers di Jakarta, 3 Februari 2012.</em></p>
"""

KONTAK = """
<p>Redaksi detakbanten.com menerima informasi, foto dan video peristiwa dari pembaca, juga saran dan
kritik atas pemberitaan kami.</p>
<h2>Redaksi</h2>
<p>Surel: <a href="mailto:redaksi@detakbanten.com">redaksi@detakbanten.com</a><br>Alamat: Jalan ..., Kota Serang, Banten</p>
<h2>Hak jawab dan koreksi</h2>
<p>Pihak yang dirugikan oleh pemberitaan kami dapat mengajukan hak jawab atau meminta koreksi melalui surel
redaksi dengan menyebutkan judul dan alamat berita, bagian yang dipersoalkan dan keterangan yang benar.
Redaksi melayaninya sesuai Undang-Undang Pers dan Pedoman Hak Jawab Dewan Pers; ralat, koreksi dan hak jawab
dimuat pada berita yang bersangkutan dan di halaman Ralat dan koreksi.</p>
<h2>Iklan dan kerja sama</h2>
<p>Surel: <a href="mailto:iklan@detakbanten.com">iklan@detakbanten.com</a></p>
"""

DISCLAIMER = """
<p>Seluruh berita di detakbanten.com disusun berdasarkan kaidah jurnalistik, Kode Etik Jurnalistik dan
Pedoman Pemberitaan Media Siber. Redaksi berupaya agar setiap informasi akurat dan berimbang, namun
keadaan dapat berkembang setelah berita terbit; perubahan penting kami muat sebagai pemutakhiran, ralat
atau koreksi pada berita yang bersangkutan.</p>
<p>Berita yang masih memerlukan verifikasi diberi keterangan "Dalam verifikasi" sampai verifikasi
selesai.</p>
<p>Konten berbayar diberi label Advertorial dan bukan produk redaksi. Tanggung jawab atas isinya ada pada
pemasang.</p>
<p>Tautan ke situs lain disediakan untuk memudahkan pembaca; detakbanten.com tidak bertanggung jawab atas isi
situs tersebut.</p>
<p>Berita, foto dan video di situs ini dilindungi hak cipta. Mengutip sebagian diperbolehkan dengan
menyebutkan detakbanten.com sebagai sumber dan menautkan berita aslinya; menyalin seluruhnya memerlukan izin
tertulis redaksi.</p>
<p>Keberatan atas pemberitaan dapat diajukan sebagai hak jawab melalui halaman Kontak.</p>
"""

PAGES = [
    ("tentang-kami", "Tentang Kami", TENTANG_KAMI),
    ("redaksi", "Redaksi", REDAKSI),
    ("pedoman-media-siber", "Pedoman Media Siber", PEDOMAN),
    ("kontak", "Kontak", KONTAK),
    ("disclaimer", "Disclaimer", DISCLAIMER),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("news", "Page")
    for position, (slug, title, body) in enumerate(PAGES, start=1):
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body.strip(), "in_footer": True, "position": position}
        )


def remove_pages(apps, schema_editor):
    apps.get_model("news", "Page").objects.filter(slug__in=[slug for slug, title, body in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0010_desk_and_import")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
