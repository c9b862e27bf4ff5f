namespace Isop.Crawling.Tests;

/// <summary>
/// Test pages in the markup of the engines piracy sites run (WordPress, Blogger, DataLife Engine, XenForo, phpBB,
/// vBulletin, Gnuboard, Rhymix/XE, tracker scripts), written for these tests from each engine's templates, with the
/// chrome that makes extraction hard: menus, sidebars, widgets, tag clouds, comments, pagination and ads.
/// </summary>
internal static class EnginePages
{
    public static Dictionary<string, (string Url, string Html)> All => new()
    {
        ["wordpress-home"] = ("https://kdl.example/", WordPressHome),
        ["wordpress-single"] = ("https://kdl.example/vincenzo-complete/", WordPressSingle),
        ["blogger-home"] = ("https://kdramadl.blogspot.com/", BloggerHome),
        ["dle-home"] = ("https://dlfr.example/", DleHome),
        ["dle-fullstory"] = ("https://dlfr.example/index.php?newsid=4512", DleFullStory),
        ["xenforo-forum"] = ("https://kforum.example/forums/k-dramas.4/", XenForoForum),
        ["phpbb-forum"] = ("https://forum.example/viewforum.php?f=3", PhpbbForum),
        ["phpbb-topic"] = ("https://forum.example/viewtopic.php?f=3&t=57", PhpbbTopic),
        ["vbulletin4-forum"] = ("https://vbdrama.example/forumdisplay.php?12-Korean-Dramas", VBulletin4Forum),
        ["vbulletin3-forum"] = ("https://oldboard.example/forumdisplay.php?f=12", VBulletin3Forum),
        ["gnuboard-list"] = ("https://ktor.example/bbs/board.php?bo_table=drama", GnuboardList),
        ["gnuboard-view"] = ("https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1234", GnuboardView),
        ["rhymix-list"] = ("https://xedrama.example/index.php?mid=drama", RhymixList),
        ["tbdev-browse"] = ("https://tracker.example/browse.php", TbdevBrowse),
        ["gazelle-torrents"] = ("https://gz.example/torrents.php", GazelleTorrents),
        ["news-list"] = ("https://dramanews.example/", NewsList),
        ["legal-forum"] = ("https://copyrightlaw.example/viewforum.php?f=2", LegalForum),
    };

    private const string WordPressSidebar = """
        <aside id="secondary" class="widget-area" role="complementary">
          <section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="https://kdl.example/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section>
          <section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
            <li><a href="https://kdl.example/the-glory-s1/">The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL</a></li>
            <li><a href="https://kdl.example/moving-complete/">Moving (무빙) E01-E20 Complete 1080p DSNP WEB-DL</a></li>
            <li><a href="https://kdl.example/exhuma-2024/">Exhuma (파묘) 2024 1080p WEB-DL</a></li>
            <li><a href="https://kdl.example/my-demon-e16/">My Demon (마이 데몬) E16 END 720p</a></li>
            <li><a href="https://kdl.example/sweet-home-s3/">Sweet Home Season 3 Complete 1080p NF</a></li>
          </ul></section>
          <section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">
            <a href="https://kdl.example/tag/1080p/" class="tag-cloud-link tag-link-12" style="font-size: 22pt;">1080p</a>
            <a href="https://kdl.example/tag/complete-series/" class="tag-cloud-link tag-link-7" style="font-size: 16pt;">Complete Series</a>
            <a href="https://kdl.example/tag/netflix/" class="tag-cloud-link tag-link-9" style="font-size: 12pt;">Netflix</a>
            <a href="https://kdl.example/tag/vostfr/" class="tag-cloud-link tag-link-15" style="font-size: 9pt;">VOSTFR</a>
            <a href="https://kdl.example/tag/romance/" class="tag-cloud-link tag-link-3" style="font-size: 14pt;">Romance</a>
          </div></section>
          <section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul>
            <li class="cat-item cat-item-2"><a href="https://kdl.example/category/k-drama/">K-Drama</a> (412)</li>
            <li class="cat-item cat-item-3"><a href="https://kdl.example/category/films/">Films</a> (220)</li>
            <li class="cat-item cat-item-4"><a href="https://kdl.example/category/variety/">Variety Shows</a> (87)</li>
          </ul></section>
          <section id="custom_html-3" class="widget_text widget widget_custom_html"><div class="textwidget custom-html-widget"><a href="https://casino-bonus.example/?ref=kdl"><img src="/wp-content/uploads/banner-300x250.gif" alt="Casino bonus 200%"></a></div></section>
        </aside>
        """;

    private const string WordPressHeader = """
        <header id="masthead" class="site-header">
          <div class="site-branding"><h1 class="site-title"><a href="https://kdl.example/" rel="home">KDL Blog</a></h1><p class="site-description">Korean dramas, films et séries – téléchargement direct</p></div>
          <nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu">Menu</button>
            <div class="menu-main-container"><ul id="primary-menu" class="menu">
              <li id="menu-item-10" class="menu-item menu-item-type-custom"><a href="https://kdl.example/">Home</a></li>
              <li id="menu-item-11" class="menu-item menu-item-type-taxonomy"><a href="https://kdl.example/category/k-drama/">K-Drama</a></li>
              <li id="menu-item-12" class="menu-item menu-item-type-taxonomy"><a href="https://kdl.example/category/films/">Films</a></li>
              <li id="menu-item-13" class="menu-item menu-item-type-post_type"><a href="https://kdl.example/request/">Request a drama</a></li>
            </ul></div></nav>
        </header>
        """;

    public const string WordPressHome = $$"""
        <!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>KDL Blog – Korean dramas, films et séries</title>
        <meta name="generator" content="WordPress 6.5.3">
        <link rel="alternate" type="application/rss+xml" title="KDL Blog &raquo; Feed" href="https://kdl.example/feed/">
        <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1111222233334444"></script>
        </head>
        <body class="home blog wp-embed-responsive hfeed has-sidebar">
        <div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
        {{WordPressHeader}}
        <div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
        <article id="post-1201" class="post-1201 post type-post status-publish format-standard has-post-thumbnail hentry category-k-drama tag-1080p tag-netflix">
          <header class="entry-header"><h2 class="entry-title"><a href="https://kdl.example/the-glory-s1/" rel="bookmark">The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL</a></h2>
            <div class="entry-meta"><span class="posted-on">Posted on <a href="https://kdl.example/the-glory-s1/" rel="bookmark"><time class="entry-date published" datetime="2024-05-24T21:14:03+09:00">May 24, 2024</time></a></span>
            <span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://kdl.example/author/minjun/">minjun</a></span></span></div></header>
          <div class="entry-content"><p>Moon Dong-eun takes her revenge. Episodes 1-8, English subtitles. Size: 12.4 GB</p>
            <p><strong>Download:</strong> <a href="https://mega.nz/folder/AbCdEf#key">MEGA</a> | <a href="https://rapidgator.net/file/1a2b3c/The.Glory.S01.1080p.part1.rar.html">Rapidgator</a> | <a href="https://1fichier.com/?x9y8z7">1fichier</a></p>
            <p><a href="https://kdl.example/the-glory-s1/#more-1201" class="more-link">Continue reading<span class="screen-reader-text"> "The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL"</span></a></p></div>
          <footer class="entry-footer"><span class="cat-links">Posted in <a href="https://kdl.example/category/k-drama/" rel="category tag">K-Drama</a></span><span class="tags-links">Tagged <a href="https://kdl.example/tag/1080p/" rel="tag">1080p</a>, <a href="https://kdl.example/tag/netflix/" rel="tag">Netflix</a></span>
            <span class="comments-link"><a href="https://kdl.example/the-glory-s1/#comments">12 Comments<span class="screen-reader-text"> on The Glory</span></a></span></footer>
        </article>
        <article id="post-1198" class="post-1198 post type-post status-publish format-video has-post-thumbnail hentry category-k-drama tag-disney">
          <header class="entry-header"><h2 class="entry-title"><a href="https://kdl.example/moving-complete/" rel="bookmark">Moving (무빙) E01-E20 Complete 1080p DSNP WEB-DL</a></h2>
            <div class="entry-meta"><span class="posted-on">Posted on <a href="https://kdl.example/moving-complete/" rel="bookmark"><time class="entry-date published" datetime="2024-05-22T10:02:00+09:00">May 22, 2024</time></a></span>
            <span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://kdl.example/author/minjun/">minjun</a></span></span></div></header>
          <div class="entry-content"><p>Les enfants aux super-pouvoirs et leurs parents. VOSTFR inclus.</p>
            <p><a href="https://mega.nz/folder/MoV1ng#k2">MEGA</a> – <a href="https://pixeldrain.com/l/Mv20Ep">Pixeldrain</a></p></div>
          <footer class="entry-footer"><span class="cat-links">Posted in <a href="https://kdl.example/category/k-drama/" rel="category tag">K-Drama</a></span>
            <span class="comments-link"><a href="https://kdl.example/moving-complete/#comments">3 Comments</a></span></footer>
        </article>
        <div class="ad-between-posts"><ins class="adsbygoogle" data-ad-client="ca-pub-1111222233334444" data-ad-slot="998877"></ins></div>
        <article id="post-1190" class="post-1190 post type-post status-publish format-standard hentry category-films tag-vostfr">
          <header class="entry-header"><h2 class="entry-title"><a href="https://kdl.example/oppenheimer-2023-2160p/" rel="bookmark">Oppenheimer (2023) 2160p UHD BluRay x265 – MULTi VOSTFR</a></h2>
            <div class="entry-meta"><span class="posted-on">Posted on <a href="https://kdl.example/oppenheimer-2023-2160p/" rel="bookmark"><time class="entry-date published" datetime="2024-05-20T08:00:00+09:00">May 20, 2024</time></a></span></div></header>
          <div class="entry-content"><p>Film de Christopher Nolan. Taille : 58 GB</p>
            <p>Liens : <a href="https://1fichier.com/?opp2160">1fichier</a> | <a href="https://uptobox.com/opp4k">Uptobox</a></p></div>
          <footer class="entry-footer"><span class="cat-links">Posted in <a href="https://kdl.example/category/films/" rel="category tag">Films</a></span>
            <span class="comments-link"><a href="https://kdl.example/oppenheimer-2023-2160p/#respond">Leave a comment</a></span></footer>
        </article>
        <article id="post-1187" class="post-1187 post type-post status-publish format-standard hentry category-k-drama tag-tvn">
          <header class="entry-header"><h2 class="entry-title"><a href="https://kdl.example/queen-of-tears-e16/" rel="bookmark">Queen of Tears (눈물의 여왕) Episode 16 END 720p</a></h2>
            <div class="entry-meta"><span class="posted-on">Posted on <a href="https://kdl.example/queen-of-tears-e16/" rel="bookmark"><time class="entry-date published" datetime="2024-04-28T23:40:00+09:00">April 28, 2024</time></a></span></div></header>
          <div class="entry-content"><p>Final episode. 1.4 GB</p><p><a href="https://ouo.io/QoT16x">Download (ouo)</a> <a href="https://gofile.io/d/QoT16">GoFile</a></p></div>
          <footer class="entry-footer"><span class="comments-link"><a href="https://kdl.example/queen-of-tears-e16/#comments">27 Comments</a></span></footer>
        </article>
        <nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span>
          <a class="page-numbers" href="https://kdl.example/page/2/">2</a><a class="page-numbers" href="https://kdl.example/page/3/">3</a><span class="page-numbers dots">&hellip;</span><a class="page-numbers" href="https://kdl.example/page/41/">41</a><a class="next page-numbers" href="https://kdl.example/page/2/">Next page</a></div></nav>
        </main></div>
        {{WordPressSidebar}}
        </div>
        <footer id="colophon" class="site-footer"><div class="site-info"><a href="https://kdl.example/dmca/">DMCA</a> · <a href="https://kdl.example/contact/">Contact</a> · Proudly powered by <a href="https://wordpress.org/">WordPress</a></div></footer>
        </div></body></html>
        """;

    public const string WordPressSingle = $$"""
        <!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>Vincenzo (빈센조) Complete Series 1080p NF WEB-DL – KDL Blog</title>
        <link rel="canonical" href="https://kdl.example/vincenzo-complete/"></head>
        <body class="post-template-default single single-post postid-880 single-format-standard has-sidebar">
        <div id="page" class="site">
        <header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="https://kdl.example/" rel="home">KDL Blog</a></p></div>
          <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="https://kdl.example/">Home</a></li><li class="menu-item"><a href="https://kdl.example/category/k-drama/">K-Drama</a></li><li class="menu-item"><a href="https://kdl.example/category/films/">Films</a></li></ul></nav></header>
        <div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
        <article id="post-880" class="post-880 post type-post status-publish format-standard has-post-thumbnail hentry category-k-drama tag-netflix">
          <header class="entry-header"><h1 class="entry-title">Vincenzo (빈센조) Complete Series 1080p NF WEB-DL</h1>
            <div class="entry-meta"><span class="posted-on"><a href="https://kdl.example/vincenzo-complete/" rel="bookmark"><time class="entry-date published" datetime="2024-03-02T12:00:00+09:00">March 2, 2024</time></a></span>
            <span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://kdl.example/author/minjun/">minjun</a></span></span></div></header>
          <div class="entry-content">
            <p><img src="https://kdl.example/wp-content/uploads/2024/03/vincenzo-poster.jpg" alt="Vincenzo poster"></p>
            <p>Vincenzo Cassano, consigliere de la mafia, revient à Séoul. 20 episodes, English and French subtitles. Size: 48.2 GB</p>
            <h3>Download links</h3>
            <p><a href="https://mega.nz/folder/ViNc3nZo#key">MEGA</a><br><a href="https://rapidgator.net/file/aa11/Vincenzo.part1.rar.html">Rapidgator part 1</a><br><a href="https://rapidgator.net/file/aa12/Vincenzo.part2.rar.html">Rapidgator part 2</a><br><a href="https://nitroflare.com/view/VNZ20">Nitroflare</a></p>
            <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li class="share-facebook"><a href="https://kdl.example/vincenzo-complete/?share=facebook" class="share-facebook sd-button">Facebook</a></li><li class="share-x"><a href="https://kdl.example/vincenzo-complete/?share=x" class="share-x sd-button">Click to share on X</a></li><li class="share-telegram"><a href="https://kdl.example/vincenzo-complete/?share=telegram">Telegram</a></li></ul></div>
            <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
              <div class="jp-relatedposts-items"><div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="https://kdl.example/the-glory-s1/">The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL</a></h4></div>
              <div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="https://kdl.example/little-women-complete/">Little Women (작은 아씨들) Complete 1080p</a></h4></div>
              <div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="https://kdl.example/taxi-driver-s2/">Taxi Driver Season 2 Complete 1080p</a></h4></div></div></div>
          </div>
          <footer class="entry-footer"><span class="cat-links">Posted in <a href="https://kdl.example/category/k-drama/" rel="category tag">K-Drama</a></span><span class="tags-links">Tagged <a href="https://kdl.example/tag/netflix/" rel="tag">Netflix</a></span></footer>
        </article>
        <nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="https://kdl.example/hometown-cha-cha-cha/" rel="prev">Hometown Cha-Cha-Cha Complete 1080p</a></div><div class="nav-next"><a href="https://kdl.example/exhuma-2024/" rel="next">Exhuma (파묘) 2024 1080p WEB-DL</a></div></div></nav>
        <div id="comments" class="comments-area"><h2 class="comments-title">4 thoughts on &ldquo;Vincenzo (빈센조) Complete Series&rdquo;</h2>
          <ol class="comment-list">
            <li id="comment-51" class="comment even thread-even depth-1"><article id="div-comment-51" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://someones-blog.example/" class="url" rel="ugc external nofollow">Sophie Martin</a></b> <span class="says">says:</span></div>
              <div class="comment-metadata"><a href="https://kdl.example/vincenzo-complete/#comment-51"><time datetime="2024-03-03T09:00:00+09:00">March 3, 2024 at 9:00 am</time></a></div></footer><div class="comment-content"><p>Merci beaucoup ! Part 2 is dead on Rapidgator, can you reupload?</p></div>
              <div class="reply"><a rel="nofollow" class="comment-reply-link" href="https://kdl.example/vincenzo-complete/?replytocom=51#respond">Reply</a></div></article></li>
            <li id="comment-52" class="comment odd alt thread-odd depth-1"><article id="div-comment-52" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Lee Jiwoo</b></div><div class="comment-metadata"><a href="https://kdl.example/vincenzo-complete/#comment-52"><time datetime="2024-03-04T10:00:00+09:00">March 4, 2024 at 10:00 am</time></a></div></footer><div class="comment-content"><p>감사합니다! 최고의 드라마</p></div>
              <div class="reply"><a rel="nofollow" class="comment-reply-link" href="https://kdl.example/vincenzo-complete/?replytocom=52#respond">Reply</a></div></article></li>
            <li id="comment-53" class="comment even thread-even depth-1"><article id="div-comment-53" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://another-fan.example/" class="url">Daniel Brooks</a></b></div><div class="comment-metadata"><a href="https://kdl.example/vincenzo-complete/#comment-53"><time datetime="2024-03-05T11:00:00+09:00">March 5, 2024</time></a></div></footer><div class="comment-content"><p>Thanks for the upload!</p></div>
              <div class="reply"><a rel="nofollow" class="comment-reply-link" href="https://kdl.example/vincenzo-complete/?replytocom=53#respond">Reply</a></div></article></li>
          </ol>
          <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="/vincenzo-complete/#respond" style="display:none;">Cancel reply</a></small></h3><form action="https://kdl.example/wp-comments-post.php" method="post" id="commentform" class="comment-form"><textarea id="comment" name="comment"></textarea></form></div>
        </div>
        </main></div>
        {{WordPressSidebar}}
        </div>
        <footer id="colophon" class="site-footer"><div class="site-info"><a href="https://kdl.example/dmca/">DMCA</a></div></footer></div></body></html>
        """;

    public const string BloggerHome = """
        <!DOCTYPE html><html dir="ltr" lang="ko"><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"><meta content="blogger" name="generator">
        <title>K드라마 다운로드 블로그</title><link rel="alternate" type="application/atom+xml" title="K드라마 다운로드 블로그 - Atom" href="https://kdramadl.blogspot.com/feeds/posts/default"></head>
        <body class="loading variant-dark">
        <div class="content"><div class="content-outer"><header><div class="header-outer"><div class="header section" id="header"><div class="widget Header" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="https://kdramadl.blogspot.com/">K드라마 다운로드 블로그</a></h1></div><div class="descriptionwrapper"><p class="description"><span>최신 드라마, 영화, 예능 고화질 다운로드</span></p></div></div></div></div></div></header>
        <div class="tabs-outer"><div class="tabs section" id="crosscol"><div class="widget PageList" id="PageList1"><div class="widget-content"><ul><li class="selected"><a href="https://kdramadl.blogspot.com/">홈</a></li><li><a href="https://kdramadl.blogspot.com/search/label/드라마">드라마</a></li><li><a href="https://kdramadl.blogspot.com/search/label/영화">영화</a></li><li><a href="https://kdramadl.blogspot.com/search/label/예능">예능</a></li></ul></div></div></div></div>
        <div class="main-outer"><div class="columns fauxcolumns"><div class="columns-inner"><div class="column-center-outer"><div class="column-center-inner">
        <div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
          <div class="date-outer"><h2 class="date-header"><span>2024년 5월 24일 금요일</span></h2><div class="date-posts">
            <div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
              <a name="7001"></a><h3 class="post-title entry-title" itemprop="name"><a href="https://kdramadl.blogspot.com/2024/05/moving-complete.html">[드라마] 무빙 (Moving) 1-20회 전편 1080p WEB-DL</a></h3>
              <div class="post-header"><div class="post-header-line-1"></div></div>
              <div class="post-body entry-content" id="post-body-7001" itemprop="description articleBody"><div class="separator"><a href="https://blogger.googleusercontent.com/img/b/R29v/moving.jpg"><img border="0" src="https://blogger.googleusercontent.com/img/b/R29v/s320/moving.jpg"></a></div>
                초능력을 숨긴 채 살아가는 아이들과 부모들의 이야기. 용량 38GB<br><br>다운로드: <a href="https://mega.nz/folder/Mov1eKo#k">메가 (MEGA)</a> / <a href="https://drive.google.com/drive/folders/1MoVinGfold3r">구글 드라이브</a></div>
              <div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">작성자: <span class="fn" itemprop="author"><a class="g-profile" href="https://www.blogger.com/profile/0412345" rel="author" title="author profile"><span itemprop="name">드라마박사</span></a></span></span>
                <span class="post-timestamp">시간: <a class="timestamp-link" href="https://kdramadl.blogspot.com/2024/05/moving-complete.html" rel="bookmark" title="permanent link"><abbr class="published" itemprop="datePublished" title="2024-05-24T21:14:00+09:00">오후 9:14</abbr></a></span>
                <span class="post-comment-link"><a class="comment-link" href="https://kdramadl.blogspot.com/2024/05/moving-complete.html#comment-form">댓글 5개</a></span>
                <div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="https://www.blogger.com/share-post.g?blogID=1&amp;postID=7001&amp;target=email" title="이메일로 전송"><span class="share-button-link-text">이메일로 전송</span></a><a class="goog-inline-block share-button sb-blog" href="https://www.blogger.com/share-post.g?blogID=1&amp;postID=7001&amp;target=blog" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a></div></div>
                <div class="post-footer-line post-footer-line-2"><span class="post-labels">라벨: <a href="https://kdramadl.blogspot.com/search/label/드라마" rel="tag">드라마</a>, <a href="https://kdramadl.blogspot.com/search/label/1080p" rel="tag">1080p</a></span></div></div>
            </div></div>
            <div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
              <a name="7000"></a><h3 class="post-title entry-title" itemprop="name"><a href="https://kdramadl.blogspot.com/2024/05/the-roundup-punishment.html">[영화] 범죄도시4 (The Roundup: Punishment) 2024 1080p WEB-DL</a></h3>
              <div class="post-body entry-content" id="post-body-7000" itemprop="description articleBody">마석도 형사의 네 번째 이야기. 3.2GB<br>다운로드: <a href="https://www.mediafire.com/file/rndup4/TheRoundup4.mkv/file">미디어파이어</a></div>
              <div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">작성자: <span class="fn"><a class="g-profile" href="https://www.blogger.com/profile/0412345" rel="author"><span>드라마박사</span></a></span></span>
                <span class="post-timestamp"><a class="timestamp-link" href="https://kdramadl.blogspot.com/2024/05/the-roundup-punishment.html" rel="bookmark"><abbr class="published" title="2024-05-24T18:00:00+09:00">오후 6:00</abbr></a></span>
                <span class="post-comment-link"><a class="comment-link" href="https://kdramadl.blogspot.com/2024/05/the-roundup-punishment.html#comment-form">댓글 2개</a></span></div></div>
            </div></div>
          </div></div>
          <div class="date-outer"><h2 class="date-header"><span>2024년 5월 20일 월요일</span></h2><div class="date-posts">
            <div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
              <a name="6990"></a><h3 class="post-title entry-title" itemprop="name"><a href="https://kdramadl.blogspot.com/2024/05/squid-game-s2.html">Squid Game (오징어 게임) Season 2 Complete 1080p NF WEB-DL</a></h3>
              <div class="post-body entry-content" id="post-body-6990" itemprop="description articleBody">Season 2, 7 episodes, 한글/English subs.<br><a href="https://mega.nz/folder/Sq1dG4m2#k">MEGA</a> | <a href="https://1drv.ms/f/s!SquidS2">OneDrive</a></div>
              <div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-timestamp"><a class="timestamp-link" href="https://kdramadl.blogspot.com/2024/05/squid-game-s2.html" rel="bookmark"><abbr class="published" title="2024-05-20T09:00:00+09:00">오전 9:00</abbr></a></span>
                <span class="post-comment-link"><a class="comment-link" href="https://kdramadl.blogspot.com/2024/05/squid-game-s2.html#comment-form">댓글 11개</a></span></div></div>
            </div></div>
          </div></div>
          <div class="date-outer"><h2 class="date-header"><span>2024년 5월 6일 월요일</span></h2><div class="date-posts">
            <div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
              <a name="6950"></a><h3 class="post-title entry-title" itemprop="name"><a href="https://kdramadl.blogspot.com/2024/05/running-man-e702.html">[예능] 런닝맨 E702 240505 720p-NEXT</a></h3>
              <div class="post-body entry-content" id="post-body-6950" itemprop="description articleBody">런닝맨 702회. <a href="https://pixeldrain.com/u/RM702x">Pixeldrain</a></div>
              <div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-comment-link"><a class="comment-link" href="https://kdramadl.blogspot.com/2024/05/running-man-e702.html#comment-form">댓글 없음</a></span></div></div>
            </div></div>
          </div></div>
        </div>
        <div class="blog-pager" id="blog-pager"><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="https://kdramadl.blogspot.com/search?updated-max=2024-05-06T09:00:00%2B09:00&amp;max-results=4" id="Blog1_blog-pager-older-link" title="이전 게시물">이전 게시물</a></span><a class="home-link" href="https://kdramadl.blogspot.com/">홈</a></div>
        <div class="post-feeds"><div class="feed-links">구독하기: <a class="feed-link" href="https://kdramadl.blogspot.com/feeds/posts/default" target="_blank" type="application/atom+xml">글 (Atom)</a></div></div>
        </div></div></div></div>
        <div class="column-right-outer"><div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1">
          <div class="widget PopularPosts" id="PopularPosts1"><h2>인기 게시물</h2><div class="widget-content popular-posts"><ul>
            <li><div class="item-content"><div class="item-title"><a href="https://kdramadl.blogspot.com/2024/05/squid-game-s2.html">Squid Game (오징어 게임) Season 2 Complete 1080p NF WEB-DL</a></div></div></li>
            <li><div class="item-content"><div class="item-title"><a href="https://kdramadl.blogspot.com/2024/04/queen-of-tears.html">눈물의 여왕 1-16회 완결 1080p</a></div></div></li>
            <li><div class="item-content"><div class="item-title"><a href="https://kdramadl.blogspot.com/2024/03/exhuma.html">파묘 (Exhuma) 2024 1080p</a></div></div></li>
          </ul></div></div>
          <div class="widget Label" id="Label1"><h2>라벨</h2><div class="widget-content list-label-widget-content"><ul>
            <li><a dir="ltr" href="https://kdramadl.blogspot.com/search/label/드라마">드라마</a><span dir="ltr">(412)</span></li>
            <li><a dir="ltr" href="https://kdramadl.blogspot.com/search/label/영화">영화</a><span dir="ltr">(150)</span></li>
            <li><a dir="ltr" href="https://kdramadl.blogspot.com/search/label/예능">예능</a><span dir="ltr">(98)</span></li>
            <li><a dir="ltr" href="https://kdramadl.blogspot.com/search/label/완결">완결 드라마</a><span dir="ltr">(77)</span></li>
          </ul></div></div>
          <div class="widget BlogArchive" id="BlogArchive1"><h2>블로그 보관함</h2><ul class="hierarchy"><li class="archivedate expanded"><a class="post-count-link" href="https://kdramadl.blogspot.com/2024/">2024</a> <span class="post-count">(61)</span></li><li class="archivedate collapsed"><a class="post-count-link" href="https://kdramadl.blogspot.com/2023/">2023</a> <span class="post-count">(240)</span></li></ul></div>
        </div></aside></div></div>
        </div></div></div>
        <footer><div class="footer-outer"><div class="foot section" id="footer-1"><div class="widget Attribution" id="Attribution1"><div class="widget-content">Powered by <a href="https://www.blogger.com" target="_blank">Blogger</a>.</div></div></div></div></footer>
        </div></div></body></html>
        """;

    public const string DleHome = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>DL-Séries FR » Téléchargement gratuit séries, films et dramas</title>
        <meta name="generator" content="DataLife Engine (https://dle-news.ru)"><link rel="alternate" type="application/rss+xml" title="DL-Séries FR RSS" href="https://dlfr.example/rss.xml"></head>
        <body>
        <div class="wrapper"><div class="header"><a href="https://dlfr.example/" class="logo" title="DL-Séries FR"><img src="/templates/Default/images/logo.png" alt="DL-Séries FR"></a>
          <ul class="topmenu"><li><a href="https://dlfr.example/">Accueil</a></li><li><a href="https://dlfr.example/series/">Séries</a></li><li><a href="https://dlfr.example/films/">Films</a></li><li><a href="https://dlfr.example/dramas/">Dramas asiatiques</a></li><li><a href="https://dlfr.example/index.php?do=feedback">Contact</a></li></ul>
          <div class="loginbox"><form method="post"><input type="text" name="login_name"><input type="password" name="login_password"><button type="submit">Connexion</button></form><a href="https://dlfr.example/index.php?do=register">Inscription</a> <a href="https://dlfr.example/index.php?do=lostpassword">Mot de passe oublié ?</a></div></div>
        <div class="speedbar"><span id="dle-speedbar"><a href="https://dlfr.example/">DL-Séries FR</a> &raquo; Dernières news</span></div>
        <div class="container"><div class="content">
        <div id="dle-content">
          <div class="shortstory"><div class="short-head"><h2 class="short-title"><a href="https://dlfr.example/index.php?newsid=4512">Lupin – Saison 3 [Complète] FRENCH 1080p WEB-DL</a></h2></div>
            <div class="short-img"><a href="https://dlfr.example/index.php?newsid=4512"><img src="/uploads/posts/2024-05/lupin-s3.jpg" alt="Lupin – Saison 3"></a></div>
            <div class="short-text">Assane Diop revient à Paris. Qualité : 1080p · Langue : French · Taille : 9.6 Go</div>
            <div class="short-info"><span class="short-date">24-05-2024, 21:14</span> <span class="short-cat"><a href="https://dlfr.example/series/">Séries</a></span> <span class="short-views">Vues : 12 408</span> <span class="short-comm"><a href="https://dlfr.example/index.php?newsid=4512#comment">18</a></span></div>
            <div class="short-more"><a href="https://dlfr.example/index.php?newsid=4512">Télécharger</a></div></div>
          <div class="shortstory"><div class="short-head"><h2 class="short-title"><a href="https://dlfr.example/index.php?newsid=4509">Queen of Tears (눈물의 여왕) – Saison 1 VOSTFR 720p</a></h2></div>
            <div class="short-img"><a href="https://dlfr.example/index.php?newsid=4509"><img src="/uploads/posts/2024-05/qot.jpg" alt="Queen of Tears"></a></div>
            <div class="short-text">Drama coréen en 16 épisodes. Qualité : 720p · VOSTFR</div>
            <div class="short-info"><span class="short-date">22-05-2024, 10:02</span> <span class="short-cat"><a href="https://dlfr.example/dramas/">Dramas asiatiques</a></span> <span class="short-views">Vues : 8 731</span></div>
            <div class="short-more"><a href="https://dlfr.example/index.php?newsid=4509">Télécharger</a></div></div>
          <div class="banner-728"><a href="https://vpn-offer.example/?aff=dlfr" rel="nofollow"><img src="/uploads/vpn-728x90.gif" alt="VPN -80%"></a></div>
          <div class="shortstory"><div class="short-head"><h2 class="short-title"><a href="https://dlfr.example/index.php?newsid=4501">Dune : Deuxième partie (2024) MULTi TRUEFRENCH 2160p</a></h2></div>
            <div class="short-img"><a href="https://dlfr.example/index.php?newsid=4501"><img src="/uploads/posts/2024-05/dune2.jpg" alt="Dune 2"></a></div>
            <div class="short-text">Paul Atréides s'unit aux Fremen. Taille : 31 Go</div>
            <div class="short-info"><span class="short-date">20-05-2024, 08:00</span> <span class="short-cat"><a href="https://dlfr.example/films/">Films</a></span> <span class="short-views">Vues : 25 911</span></div>
            <div class="short-more"><a href="https://dlfr.example/index.php?newsid=4501">Télécharger</a></div></div>
          <div class="shortstory"><div class="short-head"><h2 class="short-title"><a href="https://dlfr.example/index.php?newsid=4498">Le Syndrome de Stockholm (Unlock My Boss) Intégrale VOSTFR</a></h2></div>
            <div class="short-img"><a href="https://dlfr.example/index.php?newsid=4498"><img src="/uploads/posts/2024-05/umb.jpg" alt="Unlock My Boss"></a></div>
            <div class="short-text">12 épisodes, sous-titres français.</div>
            <div class="short-info"><span class="short-date">18-05-2024, 19:30</span> <span class="short-views">Vues : 3 120</span></div>
            <div class="short-more"><a href="https://dlfr.example/index.php?newsid=4498">Télécharger</a></div></div>
          <div class="navigation"><div class="nav_ext"><span>1</span> <a href="https://dlfr.example/page/2/">2</a> <a href="https://dlfr.example/page/3/">3</a> <span class="nav_ext">...</span> <a href="https://dlfr.example/page/212/">212</a></div><span class="nextprev"><a href="https://dlfr.example/page/2/">Suivant</a></span></div>
        </div></div>
        <div class="sidebar"><div class="block"><div class="block-title">Top de la semaine</div><ul class="topnews">
          <li><a href="https://dlfr.example/index.php?newsid=4501">Dune : Deuxième partie (2024) MULTi TRUEFRENCH 2160p</a></li>
          <li><a href="https://dlfr.example/index.php?newsid=4400">Oppenheimer (2023) MULTi 1080p BluRay</a></li>
          <li><a href="https://dlfr.example/index.php?newsid=4390">Moving (무빙) Intégrale VOSTFR 1080p</a></li></ul></div>
          <div class="block"><div class="block-title">Calendrier</div><div id="calendar-layer"><table id="calendar" class="calendar"><tr><th colspan="7" class="monthselect">Mai 2024</th></tr><tr><td><a class="day-active" href="https://dlfr.example/2024/05/20/">20</a></td><td><a class="day-active" href="https://dlfr.example/2024/05/22/">22</a></td><td><a class="day-active" href="https://dlfr.example/2024/05/24/">24</a></td></tr></table></div></div></div>
        </div>
        <div class="footer">Copyright © DL-Séries FR · <a href="https://dlfr.example/index.php?do=static&amp;page=dmca">DMCA</a> · Propulsé par DataLife Engine</div></div>
        </body></html>
        """;

    public const string DleFullStory = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Lupin – Saison 3 [Complète] FRENCH 1080p WEB-DL » DL-Séries FR</title></head>
        <body><div class="wrapper"><div class="header"><a href="https://dlfr.example/" class="logo"><img src="/templates/Default/images/logo.png" alt="DL-Séries FR"></a>
          <ul class="topmenu"><li><a href="https://dlfr.example/">Accueil</a></li><li><a href="https://dlfr.example/series/">Séries</a></li><li><a href="https://dlfr.example/films/">Films</a></li></ul></div>
        <div class="speedbar"><span id="dle-speedbar"><a href="https://dlfr.example/">DL-Séries FR</a> &raquo; <a href="https://dlfr.example/series/">Séries</a> &raquo; Lupin – Saison 3</span></div>
        <div class="container"><div class="content"><div id="dle-content">
          <div class="fullstory"><h1>Lupin – Saison 3 [Complète] FRENCH 1080p WEB-DL</h1>
            <div class="full-info"><span class="full-date">24-05-2024, 21:14</span> · <a href="https://dlfr.example/series/">Séries</a> · Vues : 12 409</div>
            <div class="full-text"><p><img src="/uploads/posts/2024-05/lupin-s3.jpg" alt="Lupin"></p><p>Assane Diop revient à Paris pour retrouver sa famille. 7 épisodes.</p>
              <p><b>Qualité :</b> 1080p WEB-DL · <b>Langue :</b> French · <b>Taille :</b> 9.6 Go</p>
              <div class="quote"><b>Liens de téléchargement :</b><br><a href="https://uptobox.com/lup1n3s" target="_blank">Uptobox</a><br><a href="https://1fichier.com/?lupins3x" target="_blank">1fichier</a><br><a href="https://turbobit.net/lupinS3.html" target="_blank">Turbobit</a></div></div>
            <div class="full-tags">Tags : <a href="https://dlfr.example/tags/netflix/">Netflix</a>, <a href="https://dlfr.example/tags/omar-sy/">Omar Sy</a></div></div>
          <div class="related-news"><h3>Vous aimerez aussi</h3><ul>
            <li><a href="https://dlfr.example/index.php?newsid=3100">Lupin – Saison 2 FRENCH 1080p</a></li><li><a href="https://dlfr.example/index.php?newsid=3000">Lupin – Saison 1 FRENCH 1080p</a></li><li><a href="https://dlfr.example/index.php?newsid=4200">Arsène Lupin (1957) FRENCH DVDRip</a></li></ul></div>
          <div id="dle-comments-list"><div class="comment-item"><div class="comm-author"><a href="https://dlfr.example/user/mathilde/">mathilde</a></div><div class="comm-text">Merci pour le partage !</div></div>
            <div class="comment-item"><div class="comm-author"><a href="https://dlfr.example/user/karim75/">karim75</a></div><div class="comm-text">Lien Uptobox mort, quelqu'un a un miroir ?</div></div>
            <div class="comment-item"><div class="comm-author"><a href="https://dlfr.example/user/jisoo/">jisoo</a></div><div class="comm-text">감사합니다 !</div></div></div>
        </div></div></div>
        <div class="footer">Copyright © DL-Séries FR · <a href="https://dlfr.example/index.php?do=static&amp;page=dmca">DMCA</a></div></div></body></html>
        """;

    private static string XenForoThread(int id, string prefix, string title, string slug, string author, int replies, string views, string date) => $$"""
        <div class="structItem structItem--thread js-inlineModContainer js-threadListItem-{{id}}" data-author="{{author}}">
          <div class="structItem-cell structItem-cell--icon"><div class="structItem-iconContainer"><a href="/members/{{author}}.{{id % 97}}/" class="avatar avatar--s" data-user-id="{{id % 97}}"><img src="/data/avatars/s/0/{{id % 97}}.jpg" alt="{{author}}" class="avatar-u{{id % 97}}-s"></a></div></div>
          <div class="structItem-cell structItem-cell--main" data-xf-init="touch-proxy">
            <div class="structItem-title"><a href="/forums/k-dramas.4/?prefix_id=3" class="labelLink" rel="nofollow"><span class="label label--blue" dir="auto">{{prefix}}</span></a><span class="label-append">&nbsp;</span><a href="/threads/{{slug}}.{{id}}/" data-tp-primary="on" data-xf-init="preview-tooltip">{{title}}</a></div>
            <div class="structItem-minor"><ul class="structItem-parts"><li><a href="/members/{{author}}.{{id % 97}}/" class="username" dir="auto" data-user-id="{{id % 97}}">{{author}}</a></li><li class="structItem-startDate"><a href="/threads/{{slug}}.{{id}}/" rel="nofollow"><time class="u-dt" dir="auto" datetime="{{date}}">{{date[..10]}}</time></a></li></ul>
              <span class="structItem-pageJump"><a href="/threads/{{slug}}.{{id}}/page-2">2</a><a href="/threads/{{slug}}.{{id}}/page-3">3</a></span></div></div>
          <div class="structItem-cell structItem-cell--meta" title="First message reaction score: 12"><dl class="pairs pairs--justified"><dt>Replies</dt><dd>{{replies}}</dd></dl><dl class="pairs pairs--justified structItem-minor"><dt>Views</dt><dd>{{views}}</dd></dl></div>
          <div class="structItem-cell structItem-cell--latest"><a href="/threads/{{slug}}.{{id}}/latest" rel="nofollow"><time class="structItem-latestDate u-dt" datetime="2024-05-25T08:00:00+0900">Yesterday at 8:00 AM</time></a><div class="structItem-minor"><a href="/members/latecomer.5/" class="username" dir="auto" data-user-id="5">latecomer</a></div></div>
        </div>
        """;

    public static readonly string XenForoForum = $$"""
        <!DOCTYPE html><html id="XF" lang="en-US" dir="LTR" data-app="public" data-template="forum_view_type_discussion"><head><meta charset="utf-8"><title>K-Dramas | KForum</title></head>
        <body data-template="forum_view_type_discussion"><div class="p-pageWrapper" id="top">
        <header class="p-header" id="header"><div class="p-header-inner"><div class="p-header-content"><div class="p-header-logo p-header-logo--image"><a href="/"><img src="/styles/default/xenforo/xenforo-logo.png" alt="KForum"></a></div></div></div></header>
        <div class="p-navSticky p-navSticky--primary" data-xf-init="sticky-header"><nav class="p-nav"><div class="p-nav-inner"><ul class="p-nav-list js-offCanvasNavSource"><li><div class="p-navEl is-selected"><a href="/" class="p-navEl-link">Forums</a></div></li><li><div class="p-navEl"><a href="/whats-new/" class="p-navEl-link">What's new</a></div></li><li><div class="p-navEl"><a href="/members/" class="p-navEl-link">Members</a></div></li></ul></div></nav></div>
        <div class="p-body"><div class="p-body-inner">
          <ul class="p-breadcrumbs" itemscope itemtype="https://schema.org/BreadcrumbList"><li itemprop="itemListElement"><a href="/" itemprop="item"><span itemprop="name">Forums</span></a></li><li itemprop="itemListElement"><a href="/#asian-media.2" itemprop="item"><span itemprop="name">Asian media</span></a></li></ul>
          <div class="p-body-header"><div class="p-title "><h1 class="p-title-value">K-Dramas</h1></div><div class="p-description">Korean dramas: releases, links and requests. Liens MEGA et 1fichier.</div></div>
          <div class="p-body-main p-body-main--withSidebar"><div class="p-body-content"><div class="p-body-pageContent">
            <div class="block block--messages"><div class="block-outer"><div class="block-outer-main"><nav class="pageNavWrapper pageNavWrapper--mixed"><div class="pageNav"><ul class="pageNav-main"><li class="pageNav-page pageNav-page--current"><a href="/forums/k-dramas.4/">1</a></li><li class="pageNav-page"><a href="/forums/k-dramas.4/page-2">2</a></li><li class="pageNav-page"><a href="/forums/k-dramas.4/page-3">3</a></li></ul><a href="/forums/k-dramas.4/page-2" class="pageNav-jump pageNav-jump--next">Next</a></div></nav></div></div>
            <div class="block-container"><div class="block-body"><div class="structItemContainer">
              <div class="structItemContainer-group structItemContainer-group--sticky">
              {{XenForoThread(100, "Rules", "Forum rules and link format – read before posting", "forum-rules", "admin", 0, "9K", "2023-01-01T10:00:00+0900")}}
              </div>
              <div class="structItemContainer-group js-threadList">
              {{XenForoThread(1234, "K-Drama", "The Glory S01 1080p NF WEB-DL x264 [MEGA]", "the-glory-s01-1080p-nf-web-dl-x264-mega", "seoulrips", 48, "12K", "2024-05-24T21:14:00+0900")}}
              {{XenForoThread(1230, "VOSTFR", "Lovely Runner (선재 업고 튀어) E01-E16 VOSTFR 1080p", "lovely-runner-e01-e16-vostfr-1080p", "dramafr", 17, "3,402", "2024-05-23T11:00:00+0900")}}
              {{XenForoThread(1228, "K-Drama", "Moving (무빙) Complete Series 2160p DSNP WEB-DL", "moving-complete-series-2160p-dsnp-web-dl", "seoulrips", 95, "21K", "2024-05-21T09:30:00+0900")}}
              {{XenForoThread(1222, "Film", "Exhuma (파묘) 2024 1080p WEB-DL H264 AAC", "exhuma-2024-1080p-web-dl-h264-aac", "hanbyul", 6, "980", "2024-05-19T20:00:00+0900")}}
              {{XenForoThread(1219, "Request", "Alchemy of Souls Season 2 – anyone has the 1080p pack?", "alchemy-of-souls-season-2-1080p-pack", "newbie_99", 3, "212", "2024-05-18T08:15:00+0900")}}
              </div>
            </div></div></div>
            <div class="block-outer block-outer--after"><div class="block-outer-main"><nav class="pageNavWrapper"><div class="pageNav"><ul class="pageNav-main"><li class="pageNav-page"><a href="/forums/k-dramas.4/page-2">2</a></li></ul></div></nav></div></div></div>
          </div></div>
          <div class="p-body-sidebar"><div class="block" data-widget-key="forum_overview_new_posts"><div class="block-container"><h3 class="block-minorHeader"><a href="/whats-new/posts/">Latest posts</a></h3><ul class="block-body">
            <li class="block-row"><div class="contentRow"><div class="contentRow-main contentRow-main--close"><a href="/threads/queen-of-tears-e16-end.1201/post-9001">Queen of Tears E16 END 720p</a><div class="contentRow-minor">Latest: <a href="/members/x.1/" class="username">x</a></div></div></div></li>
            <li class="block-row"><div class="contentRow"><div class="contentRow-main contentRow-main--close"><a href="/threads/my-demon-complete.1190/post-8800">My Demon Complete 1080p</a></div></div></li>
            <li class="block-row"><div class="contentRow"><div class="contentRow-main contentRow-main--close"><a href="/threads/sweet-home-s3.1188/post-8790">Sweet Home S3 NF WEB-DL</a></div></div></li></ul></div></div>
            <div class="block" data-widget-key="forum_overview_forum_statistics"><div class="block-container"><h3 class="block-minorHeader">Forum statistics</h3><div class="block-body block-row"><dl class="pairs pairs--justified"><dt>Threads</dt><dd>12,345</dd></dl><dl class="pairs pairs--justified"><dt>Messages</dt><dd>456,789</dd></dl></div></div></div></div>
          </div></div></div>
        <footer class="p-footer" id="footer"><div class="p-footer-inner"><ul class="p-footer-linkList"><li><a href="/help/terms/">Terms and rules</a></li><li><a href="/help/privacy-policy/">Privacy policy</a></li><li><a href="/help/">Help</a></li></ul><div class="p-footer-copyright">Community platform by XenForo®</div></div></footer>
        </div></body></html>
        """;

    private static string PhpbbRow(int topic, string extra, string title, string author, int replies, int views, string date, bool pages = false) => $$"""
        <li class="row bg{{topic % 2 + 1}}{{extra}}"><dl class="row-item topic_read"><dt title="No unread posts"><div class="list-inner">
          <a href="./viewtopic.php?f=3&amp;t={{topic}}&amp;sid=0a1b2c3d4e" class="topictitle">{{title}}</a> <i class="icon fa-paperclip fa-fw" aria-hidden="true"></i><br>
          <div class="topic-poster responsive-hide left-box">by <a href="./memberlist.php?mode=viewprofile&amp;u={{topic % 50}}" class="username">{{author}}</a> &raquo; <time datetime="{{date}}">{{date[..10]}}</time></div>
          {{(pages ? $"<div class=\"pagination\"><span><i class=\"icon fa-clone fa-fw\"></i></span><ul><li><a class=\"button\" href=\"./viewtopic.php?f=3&amp;t={topic}&amp;start=15\">2</a></li><li><a class=\"button\" href=\"./viewtopic.php?f=3&amp;t={topic}&amp;start=30\">3</a></li></ul></div>" : "")}}
          </div></dt><dd class="posts">{{replies}} <dfn>Replies</dfn></dd><dd class="views">{{views}} <dfn>Views</dfn></dd>
          <dd class="lastpost"><span><dfn>Last post </dfn>by <a href="./memberlist.php?mode=viewprofile&amp;u=9" class="username">kimchi</a> <a href="./viewtopic.php?f=3&amp;t={{topic}}&amp;p=9{{topic}}#p9{{topic}}" title="Go to last post"><i class="icon fa-external-link-square fa-fw" aria-hidden="true"></i></a><br><time datetime="2024-05-25T08:00:00+00:00">Sat May 25, 2024 8:00 am</time></span></dd></dl></li>
        """;

    private const string PhpbbChrome = """
        <div class="headerbar" role="banner"><div class="inner"><div id="site-description" class="site-description"><a id="logo" class="logo" href="./index.php" title="Board index"><span class="site_logo"></span></a><h1>Drama Share Board</h1><p>Partage de dramas coréens – K-drama sharing community</p></div></div></div>
        <div class="navbar" role="navigation"><div class="inner"><ul id="nav-main" class="nav-main linklist" role="menubar"><li><a href="/app.php/help/faq" rel="help" title="Frequently Asked Questions">FAQ</a></li><li><a href="./memberlist.php?mode=team">The team</a></li><li><a href="./ucp.php?mode=login">Login</a></li><li><a href="./ucp.php?mode=register">Register</a></li></ul>
          <ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar"><li class="breadcrumbs"><span class="crumb"><a href="./index.php">Board index</a></span><span class="crumb"><a href="./viewforum.php?f=3">K-Dramas</a></span></li></ul></div></div>
        """;

    private const string PhpbbFooter = """
        <div class="action-bar actions-jump"><div class="jumpbox dropdown-container dropdown-container-right dropdown-up dropdown-left dropdown-button-control" id="jumpbox"><span title="Jump to" class="button button-secondary dropdown-trigger dropdown-select"><span>Jump to</span></span>
          <div class="dropdown"><ul class="dropdown-contents"><li><a href="./viewforum.php?f=1" class="jumpbox-cat-link"><span>Asian media</span></a></li><li><a href="./viewforum.php?f=3" class="jumpbox-sub-link"><span>K-Dramas</span></a></li><li><a href="./viewforum.php?f=4" class="jumpbox-sub-link"><span>Films coréens</span></a></li><li><a href="./viewforum.php?f=5" class="jumpbox-sub-link"><span>Variety shows</span></a></li></ul></div></div></div>
        <div class="stat-block online-list"><h3>Who is online</h3><p>Users browsing this forum: <a href="./memberlist.php?mode=viewprofile&amp;u=4" class="username">seoulrips</a>, <a href="./memberlist.php?mode=viewprofile&amp;u=7" class="username">dramafr</a>, <a href="./memberlist.php?mode=viewprofile&amp;u=8" class="username">hanbyul</a> and 14 guests</p></div>
        <div id="page-footer" class="page-footer" role="contentinfo"><div class="navbar" role="navigation"><ul id="nav-footer" class="nav-footer linklist" role="menubar"><li class="rightside"><a href="./ucp.php?mode=delete_cookies">Delete cookies</a></li><li class="rightside"><a href="./memberlist.php?mode=contactadmin">Contact us</a></li></ul></div>
          <div class="copyright">Powered by <a href="https://www.phpbb.com/">phpBB</a>® Forum Software © phpBB Limited</div></div>
        """;

    public static readonly string PhpbbForum = $$"""
        <!DOCTYPE html><html dir="ltr" lang="en-gb"><head><meta charset="utf-8"><title>K-Dramas - Drama Share Board</title></head>
        <body id="phpbb" class="nojs notouch section-viewforum ltr "><div id="wrap" class="wrap"><div id="page-header">{{PhpbbChrome}}</div>
        <div id="page-body" class="page-body" role="main"><h2 class="forum-title"><a href="./viewforum.php?f=3">K-Dramas</a></h2><div><p>Korean dramas only. Post MEGA / 1fichier / Rapidgator links in [hide] tags.</p></div>
        <div class="action-bar bar-top"><a href="./posting.php?mode=post&amp;f=3" class="button" title="Post a new topic"><span>New Topic</span></a><div class="pagination">93 topics <ul><li class="active"><span>1</span></li><li><a class="button" href="./viewforum.php?f=3&amp;start=25" role="button">2</a></li><li><a class="button" href="./viewforum.php?f=3&amp;start=50" role="button">3</a></li><li class="arrow next"><a class="button button-icon-only" href="./viewforum.php?f=3&amp;start=25" rel="next" role="button"><span class="sr-only">Next</span></a></li></ul></div></div>
        <div class="forumbg announcement"><div class="inner"><ul class="topiclist"><li class="header"><dl class="row-item"><dt><div class="list-inner">Announcements</div></dt><dd class="posts">Replies</dd><dd class="views">Views</dd><dd class="lastpost"><span>Last post</span></dd></dl></li></ul>
          <ul class="topiclist topics">{{PhpbbRow(2, " global-announce", "Board rules – read before posting links", "admin", 0, 5230, "2023-01-01T10:00:00+00:00")}}</ul></div></div>
        <div class="forumbg"><div class="inner"><ul class="topiclist"><li class="header"><dl class="row-item"><dt><div class="list-inner">Topics</div></dt><dd class="posts">Replies</dd><dd class="views">Views</dd><dd class="lastpost"><span>Last post</span></dd></dl></li></ul>
          <ul class="topiclist topics">
          {{PhpbbRow(57, " sticky", "[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "seoulrips", 23, 4521, "2024-02-01T12:00:00+00:00", pages: true)}}
          {{PhpbbRow(88, "", "[1fichier] Lovely Runner (선재 업고 튀어) 1-16 VOSTFR 1080p", "dramafr", 9, 1877, "2024-05-24T21:14:00+00:00")}}
          {{PhpbbRow(87, "", "Sweet Home S03 1080p NF WEB-DL DDP5.1 x264-NTb", "hanbyul", 4, 960, "2024-05-22T10:02:00+00:00")}}
          {{PhpbbRow(85, "", "[Rapidgator] Parasite (기생충) 2019 2160p UHD BluRay REMUX", "seoulrips", 31, 7788, "2024-05-19T08:00:00+00:00", pages: true)}}
          {{PhpbbRow(81, "", "Hospital Playlist Season 1+2 Complete 720p", "kimchi", 2, 411, "2024-05-15T19:30:00+00:00")}}
          </ul></div></div>
        <div class="action-bar bar-bottom"><div class="pagination">93 topics <ul><li><a class="button" href="./viewforum.php?f=3&amp;start=25">2</a></li></ul></div></div>
        {{PhpbbFooter}}
        </div></div></body></html>
        """;

    private static string PhpbbPost(int post, string subject, string author, string content) => $$"""
        <div id="p{{post}}" class="post has-profile bg{{post % 2 + 1}}"><div class="inner">
          <dl class="postprofile" id="profile{{post}}"><dt class="has-profile-rank no-avatar"><a href="./memberlist.php?mode=viewprofile&amp;u={{post % 40}}" class="username">{{author}}</a></dt><dd class="profile-rank">Uploader</dd><dd class="profile-posts"><strong>Posts:</strong> <a href="./search.php?author_id={{post % 40}}&amp;sr=posts">1204</a></dd></dl>
          <div class="postbody"><div id="post_content{{post}}"><h3 class="first"><a href="./viewtopic.php?p={{post}}#p{{post}}">{{subject}}</a></h3>
            <ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p={{post}}" title="Reply with quote" class="button button-icon-only"><span>Quote</span></a></li></ul>
            <p class="author"><a class="unread" href="./viewtopic.php?p={{post}}#p{{post}}" title="Post"><i class="icon fa-file fa-fw"></i></a><span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u={{post % 40}}" class="username">{{author}}</a></strong> &raquo; </span><time datetime="2024-02-01T12:00:00+00:00">Thu Feb 01, 2024 12:00 pm</time></p>
            <div class="content">{{content}}</div></div></div>
          <div class="back2top"><a href="#top" class="top" title="Top">Top</a></div></div></div><hr class="divider">
        """;

    public static readonly string PhpbbTopic = $$"""
        <!DOCTYPE html><html dir="ltr" lang="en-gb"><head><meta charset="utf-8"><title>[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL - Drama Share Board</title></head>
        <body id="phpbb" class="nojs notouch section-viewtopic ltr "><div id="wrap" class="wrap"><div id="page-header">{{PhpbbChrome}}</div>
        <div id="page-body" class="page-body" role="main"><h2 class="topic-title"><a href="./viewtopic.php?f=3&amp;t=57">[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL</a></h2>
        <div class="action-bar bar-top"><a href="./posting.php?mode=reply&amp;f=3&amp;t=57" class="button"><span>Post Reply</span></a><div class="pagination">24 posts <ul><li class="active"><span>1</span></li><li><a class="button" href="./viewtopic.php?f=3&amp;t=57&amp;start=15">2</a></li></ul></div></div>
        {{PhpbbPost(901, "[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "seoulrips", "Yoon Se-ri crash-lands in North Korea. 16 episodes, 1080p NF WEB-DL, English subs. 38.5 GB<br><br><span style=\"font-weight: bold\">Download:</span><br><a href=\"https://mega.nz/folder/CLoY16#key\" class=\"postlink\">https://mega.nz/folder/CLoY16#key</a><br><a href=\"https://mega.nz/folder/CLoY16b#key\" class=\"postlink\">https://mega.nz/folder/CLoY16b#key</a>")}}
        {{PhpbbPost(905, "Re: [MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "dramafr", "Merci beaucoup ! Ça marche parfaitement.")}}
        {{PhpbbPost(913, "Re: [MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "hanbyul", "감사합니다! 드디어 찾았네요")}}
        {{PhpbbPost(920, "Re: [MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "kimchi", "Thanks a lot, downloading now.")}}
        {{PhpbbFooter}}
        </div></div></body></html>
        """;

    private static string VBulletin4Thread(int id, string classes, string title, string slug, string author, int replies, string views) => $$"""
        <li class="threadbit {{classes}}" id="thread_{{id}}"><div class="rating0 nonsticky"><div class="threadinfo" title="Download links inside, please say thanks."><div class="inner">
          <h3 class="threadtitle"><a class="title" href="showthread.php?{{id}}-{{slug}}" id="thread_title_{{id}}">{{title}}</a></h3>
          <div class="threadmeta"><div class="author"><span class="label">Started by <a href="member.php?{{id % 70}}-{{author}}" class="username understate" title="Started by {{author}} on 05-24-2024 09:14 PM">{{author}}</a>, 05-24-2024 09:14 PM</span>
            <dl class="pagination" id="pagination_threadbit_{{id}}"><dt class="label">2 Pages <span class="separator">&bull;</span></dt><dd><span><a href="showthread.php?{{id}}-{{slug}}">1</a></span> <span><a href="showthread.php?{{id}}-{{slug}}/page2">2</a></span></dd></dl></div></div></div></div>
          <ul class="threadstats td alt" title=""><li>Replies: <a href="misc.php?do=whoposted&amp;t={{id}}" onclick="who({{id}}); return false;" class="understate">{{replies}}</a></li><li>Views: {{views}}</li><li class="hidden">Rating0 / 5</li></ul>
          <dl class="threadlastpost td"><dt class="lastpostby hidden">Last Post By</dt><dd><div class="popupmenu memberaction"><a class="username offline popupctrl" href="member.php?9-kimchi" title="kimchi is offline"><strong>kimchi</strong></a></div></dd><dd>05-25-2024, <span class="time">08:00 AM</span> <a href="showthread.php?{{id}}-{{slug}}&amp;p=88{{id}}#post88{{id}}" class="lastpostdate understate" title="Go to last post"><img class="inlineimg" src="images/buttons/lastpost-right.png" alt="Go to last post"></a></dd></dl>
        </div></li>
        """;

    public static readonly string VBulletin4Forum = $$"""
        <!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" dir="ltr" lang="en" id="vbulletin_html"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="generator" content="vBulletin 4.2.5"><title>Korean Dramas</title></head>
        <body><div class="above_body"><div id="header" class="floatcontainer doc_header"><div><a name="top" href="forum.php" class="logo-image"><img src="images/misc/vbulletin4_logo.png" alt="VB Drama - Powered by vBulletin"></a></div>
          <div id="toplinks" class="toplinks"><ul class="nouser"><li><a href="register.php" rel="nofollow">Register</a></li><li><a rel="help" href="faq.php">Help</a></li></ul></div></div>
          <div id="navbar" class="navbar"><ul id="navtabs" class="navtabs floatcontainer"><li class="selected"><a class="navtab" href="forum.php">Forum</a><ul class="floatcontainer"><li><a href="search.php?do=getdaily">Today's Posts</a></li><li><a href="forum.php?do=markread">Mark Forums Read</a></li><li><a href="memberlist.php">Member List</a></li></ul></li></ul></div></div>
        <div class="body_wrapper"><div id="breadcrumb" class="breadcrumb"><ul class="floatcontainer"><li class="navbithome"><a href="index.php"><img src="images/misc/navbit-home.png" alt="Home"></a></li><li class="navbit"><a href="forum.php">Forum</a></li><li class="navbit lastnavbit"><span>Korean Dramas</span></li></ul></div>
        <div id="pagetitle"><h1>Forum: <span class="forumtitle">Korean Dramas</span></h1><p class="description">Korean dramas with MEGA, Rapidgator and Uptobox links.</p></div>
        <div id="above_threadlist" class="above_threadlist"><a href="newthread.php?do=newthread&amp;f=12" class="newcontent_textcontrol" id="newthreadlink_top"><span>+</span> Post New Thread</a><div class="threadpagenav"><form action="forumdisplay.php?12-Korean-Dramas/page2" method="get" class="pagination popupmenu nohovermenu"><span class="selected"><a href="javascript://">1</a></span><span><a href="forumdisplay.php?12-Korean-Dramas/page2">2</a></span><span><a href="forumdisplay.php?12-Korean-Dramas/page3">3</a></span></form></div></div>
        <div id="threadlist" class="threadlist"><form id="thread_inlinemod_form" action="inlinemod.php?forumid=12" method="post"><div class="threadlisthead table"><div><span class="threadinfo"><span class="threadtitle"><a href="forumdisplay.php?12-Korean-Dramas&amp;sort=title&amp;order=asc" rel="nofollow">Title</a> / <a href="forumdisplay.php?12-Korean-Dramas&amp;sort=postusername&amp;order=asc" rel="nofollow">Started By</a></span></span></div></div>
          <div class="threadbit"><ol id="threads" class="threads">
          {{VBulletin4Thread(5012, "hot attachments", "Twenty-Five Twenty-One (스물다섯 스물하나) Complete 1080p NF WEB-DL", "Twenty-Five-Twenty-One-Complete", "seoulrips", 45, "12,345")}}
          {{VBulletin4Thread(5008, "new", "Mr. Sunshine (미스터 션샤인) E01-E24 720p HDTV x264", "Mr-Sunshine-E01-E24", "dramafr", 12, "3,210")}}
          {{VBulletin4Thread(5003, "attachments", "Reply 1988 (응답하라 1988) Complete 1080p WEB-DL", "Reply-1988-Complete", "hanbyul", 88, "40,112")}}
          {{VBulletin4Thread(4999, "hot", "Kingdom Season 2 2160p NF WEB-DL DDP5.1 HDR", "Kingdom-Season-2-2160p", "seoulrips", 7, "1,502")}}
          </ol></div></form></div>
        <div id="below_threadlist" class="noinlinemod below_threadlist"><div class="threadpagenav"><form class="pagination popupmenu nohovermenu"><span><a href="forumdisplay.php?12-Korean-Dramas/page2">2</a></span><span class="prev_next"><a rel="next" href="forumdisplay.php?12-Korean-Dramas/page2" title="Next Page - Results 21 to 40 of 212"><img src="images/pagination/next-right.png" alt="Next"></a></span></form></div></div>
        <div id="forum_info_options" class="forum_info block"><div class="collapse"><h4 class="forumoptiontitle blockhead">Forum Information and Options</h4></div><div class="blockbody"><div class="blockrow"><h5>Users Browsing this Forum</h5><ol class="commalist"><li><a href="member.php?4-seoulrips">seoulrips</a></li><li><a href="member.php?7-dramafr">dramafr</a></li><li><a href="member.php?8-hanbyul">hanbyul</a></li></ol></div></div></div>
        </div>
        <div id="footer" class="floatcontainer footer"><ul id="footer_links" class="footer_links"><li><a href="sendmessage.php" rel="nofollow">Contact Us</a></li><li><a href="archive/index.php">Archive</a></li><li><a href="#top">Top</a></li></ul></div>
        </body></html>
        """;

    private static string VBulletin3Row(int id, string title, string author, int replies, string views) => $$"""
        <tr><td class="alt1" id="td_threadstatusicon_{{id}}"><img src="images/statusicon/thread_hot.gif" id="thread_statusicon_{{id}}" alt=""></td><td class="alt2"><img src="images/icons/icon1.gif" alt="" border="0"></td>
          <td class="alt1" id="td_threadtitle_{{id}}" title="Links: MEGA + Uptobox. Merci de dire merci."><div><a href="showthread.php?t={{id}}" id="thread_title_{{id}}">{{title}}</a> <span class="smallfont" style="white-space:nowrap">(<img class="inlineimg" src="images/misc/multipage.gif" alt="Multi-page thread" border="0"> <a href="showthread.php?t={{id}}&amp;page=2">2</a>)</span></div>
            <div class="smallfont"><span style="cursor:pointer" onclick="window.open('member.php?u={{id % 70}}', '_self')">{{author}}</span></div></td>
          <td class="alt2" title="Replies: {{replies}}, Views: {{views}}"><div class="smallfont" style="text-align:right; white-space:nowrap">05-24-2024 <span class="time">09:14 PM</span><br>by <a href="member.php?find=lastposter&amp;t={{id}}" rel="nofollow">dramalover_2024</a> <a href="showthread.php?p=77{{id}}#post77{{id}}"><img class="inlineimg" src="images/buttons/lastpost.gif" alt="Go to last post" border="0"></a></div></td>
          <td class="alt1" align="center"><a href="misc.php?do=whoposted&amp;t={{id}}" onclick="who({{id}}); return false;">{{replies}}</a></td><td class="alt2" align="center">{{views}}</td></tr>
        """;

    public static readonly string VBulletin3Forum = $$"""
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html dir="ltr" lang="fr"><head><meta name="generator" content="vBulletin 3.8.11"><title>Dramas coréens - Old Board</title></head>
        <body><a name="top"></a><table border="0" width="100%" cellpadding="0" cellspacing="0" align="center"><tr><td align="left"><a href="index.php"><img src="images/misc/vbulletin3_logo_white.gif" border="0" alt="Old Board"></a></td></tr></table>
        <div class="page" style="width:100%; text-align:left"><div style="padding:0px 25px 0px 25px" align="left">
        <table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%" align="center"><tr><td class="alt1" width="100%"><table cellpadding="0" cellspacing="0" border="0"><tr valign="bottom"><td><span class="navbar"><a href="index.php" accesskey="1">Old Board</a></span> <span class="navbar">&gt; <a href="forumdisplay.php?f=3">Vidéos</a></span></td></tr><tr><td class="navbar" style="font-size:10pt; padding-top:1px" colspan="3"><strong>Dramas coréens</strong></td></tr></table></td></tr></table>
        <div class="tborder" style="padding:1px; border-top-width:0px"><table cellpadding="0" cellspacing="0" border="0" width="100%" align="center"><tr align="center"><td class="vbmenu_control"><a href="faq.php" accesskey="5">FAQ</a></td><td class="vbmenu_control"><a href="memberlist.php">Liste des membres</a></td><td class="vbmenu_control"><a href="calendar.php">Calendrier</a></td><td class="vbmenu_control"><a href="search.php?do=getnew" accesskey="2">Nouveaux messages</a></td></tr></table></div>
        <table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%" align="center" id="threadslist">
          <tbody><tr><td class="thead" colspan="2">&nbsp;</td><td class="thead" width="100%"><span style="float:right"><a href="forumdisplay.php?f=12&amp;sort=voteavg&amp;order=desc" rel="nofollow">Évaluation</a></span><a href="forumdisplay.php?f=12&amp;sort=title&amp;order=asc" rel="nofollow">Discussion</a> / <a href="forumdisplay.php?f=12&amp;sort=postusername&amp;order=asc" rel="nofollow">Auteur</a></td>
            <td class="thead" width="150" align="center" nowrap="nowrap"><span style="white-space:nowrap"><a href="forumdisplay.php?f=12&amp;sort=lastpost&amp;order=asc" rel="nofollow">Dernier message</a></span></td><td class="thead" align="center" nowrap="nowrap"><span style="white-space:nowrap"><a href="forumdisplay.php?f=12&amp;sort=replycount&amp;order=desc" rel="nofollow">Réponses</a></span></td><td class="thead" align="center" nowrap="nowrap"><span style="white-space:nowrap"><a href="forumdisplay.php?f=12&amp;sort=views&amp;order=desc" rel="nofollow">Affichages</a></span></td></tr></tbody>
          <tbody id="threadbits_forum_12">
          {{VBulletin3Row(555, "Goblin (도깨비) Intégrale VOSTFR 720p", "seoulrips", 12, "3,456")}}
          {{VBulletin3Row(551, "Hotel del Luna E01-E16 VOSTFR 1080p", "dramafr", 30, "9,870")}}
          {{VBulletin3Row(548, "Signal (시그널) 2016 Complete 720p HDTV", "hanbyul", 5, "1,204")}}
          {{VBulletin3Row(540, "Mouse E01-E20 VOSTFR", "kimchi", 2, "688")}}
          </tbody></table>
        <table cellpadding="0" cellspacing="0" border="0" width="100%" style="margin-top:3px"><tr valign="top"><td align="right"><div class="pagenav" align="right"><table class="tborder" cellpadding="3" cellspacing="1" border="0"><tr><td class="vbmenu_control" style="font-weight:normal">Page 1 sur 9</td><td class="alt2"><span class="smallfont" title="Affichage des résultats 1 à 20 sur 180"><strong>1</strong></span></td><td class="alt1"><a class="smallfont" href="forumdisplay.php?f=12&amp;page=2" title="Affichage des résultats 21 à 40 sur 180">2</a></td><td class="alt1"><a class="smallfont" href="forumdisplay.php?f=12&amp;page=3">3</a></td><td class="alt1"><a rel="next" class="smallfont" href="forumdisplay.php?f=12&amp;page=2" title="Page suivante - Résultats 21 à 40 sur 180">&gt;</a></td></tr></table></div></td></tr></table>
        </div></div>
        <div align="center"><div class="smallfont" align="center">Powered by vBulletin® Version 3.8.11<br>Copyright ©2000 - 2024, vBulletin Solutions, Inc.</div></div></body></html>
        """;

    private static string GnuboardRow(int num, int wrId, string subject, string author, int comments, string views, string date) => $$"""
        <tr class="">
          <td class="td_num2">{{num}}</td>
          <td class="td_subject" style="padding-left:0px"><div class="bo_tit"><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;wr_id={{wrId}}">{{subject}}</a>
            <i class="fa fa-download" aria-hidden="true"></i><span class="new_icon">N<span class="sound_only">새글</span></span>{{(comments > 0 ? $"<span class=\"sound_only\">댓글</span><span class=\"cnt_cmt\">{comments}</span><span class=\"sound_only\">개</span>" : "")}}</div></td>
          <td class="td_name sv_use"><span class="sv_wrap"><a href="https://ktor.example/bbs/profile.php?mb_id={{author}}" class="sv_member" title="{{author}} 자기소개" target="_blank" rel="nofollow" onclick="return false;">{{author}}</a><span class="sv"><a href="https://ktor.example/bbs/memo_form.php?me_recv_mb_id={{author}}" onclick="win_memo(this.href); return false;">쪽지보내기</a><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sca=&amp;sfl=mb_id,1&amp;stx={{author}}">아이디로 검색</a></span></span></td>
          <td class="td_num">{{views}}</td>
          <td class="td_datetime">{{date}}</td>
        </tr>
        """;

    private const string GnuboardHead = """
        <header id="hd"><h1 id="hd_h1">{0}</h1><div id="skip_to_container"><a href="#container">본문 바로가기</a></div>
          <div id="tnb"><div class="inner"><ul id="hd_qnb"><li><a href="https://ktor.example/bbs/faq.php">FAQ</a></li><li><a href="https://ktor.example/bbs/qalist.php">Q&amp;A</a></li><li><a href="https://ktor.example/bbs/new.php">새글</a></li><li><a href="https://ktor.example/bbs/current_connect.php" class="visit">접속자<strong class="visit-num">312</strong></a></li></ul></div></div>
          <div id="hd_wrapper"><div id="logo"><a href="https://ktor.example"><img src="https://ktor.example/img/logo.png" alt="케이토렌트"></a></div>
            <div class="hd_sch_wr"><form name="fsearchbox" method="get" action="https://ktor.example/bbs/search.php"><input type="text" name="stx" id="sch_stx" maxlength="20" placeholder="검색어를 입력해주십시오"><button type="submit" id="sch_submit" value="검색">검색</button></form></div>
            <ul class="hd_login"><li><a href="https://ktor.example/bbs/register.php">회원가입</a></li><li><a href="https://ktor.example/bbs/login.php">로그인</a></li></ul></div>
          <nav id="gnb"><h2>메인메뉴</h2><div class="gnb_wrap"><ul id="gnb_1dul"><li class="gnb_1dli"><a href="https://ktor.example/bbs/board.php?bo_table=drama" class="gnb_1da">드라마</a></li><li class="gnb_1dli"><a href="https://ktor.example/bbs/board.php?bo_table=movie" class="gnb_1da">영화</a></li><li class="gnb_1dli"><a href="https://ktor.example/bbs/board.php?bo_table=ent" class="gnb_1da">예능</a></li><li class="gnb_1dli"><a href="https://ktor.example/bbs/board.php?bo_table=ani" class="gnb_1da">애니</a></li></ul></div></nav>
        </header>
        """;

    private const string GnuboardAside = """
        <aside id="aside"><section id="ol_before" class="ol"><h2>회원로그인</h2><form name="foutlogin" action="https://ktor.example/bbs/login_check.php" method="post"><input type="text" name="mb_id" placeholder="아이디"><input type="password" name="mb_password" placeholder="비밀번호"><button type="submit">로그인</button></form><a href="https://ktor.example/bbs/register.php">회원가입</a></section>
          <div class="lt"><h2 class="lat_title"><a href="https://ktor.example/bbs/board.php?bo_table=movie">영화 최신글</a></h2><ul>
            <li><a href="https://ktor.example/bbs/board.php?bo_table=movie&amp;wr_id=880">파묘 2024 1080p WEB-DL 한글자막</a></li><li><a href="https://ktor.example/bbs/board.php?bo_table=movie&amp;wr_id=879">듄 파트2 2024 2160p 한글자막</a></li><li><a href="https://ktor.example/bbs/board.php?bo_table=movie&amp;wr_id=877">서울의 봄 2023 1080p FHDRip</a></li></ul></div>
          <section id="visit"><h2>접속자집계</h2><dl><dt>오늘</dt><dd>3,120</dd><dt>전체</dt><dd>1,204,511</dd></dl></section></aside>
        """;

    public static readonly string GnuboardList = $$"""
        <!doctype html><html lang="ko"><head><meta charset="utf-8"><title>드라마 1 페이지 | 케이토렌트</title><link rel="stylesheet" href="https://ktor.example/theme/basic/css/default.css?ver=171222"></head>
        <body>{{string.Format(System.Globalization.CultureInfo.InvariantCulture, GnuboardHead, "드라마 1 페이지")}}
        <div id="wrapper"><div id="container_wr"><div id="container"><h2 id="container_title"><span title="드라마 1 페이지">드라마</span></h2>
        <div class="bo_notice_list">공지: 토렌트 파일은 회원만 받을 수 있습니다. 저작권 신고는 <a href="https://ktor.example/bbs/content.php?co_id=provision">이용약관</a> 참고.</div>
        <nav id="bo_cate"><h2>드라마 카테고리</h2><ul id="bo_cate_ul"><li><a href="https://ktor.example/bbs/board.php?bo_table=drama" id="bo_cate_on">전체</a></li><li><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sca=%ED%95%9C%EA%B5%AD">한국</a></li><li><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sca=%EB%AF%B8%EB%93%9C">미드</a></li><li><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sca=%EC%9D%BC%EB%93%9C">일드</a></li></ul></nav>
        <div id="bo_list" style="width:100%"><form name="fboardlist" id="fboardlist" action="https://ktor.example/bbs/board_list_update.php" method="post">
          <div id="bo_btn_top"><div id="bo_list_total"><span>Total 4,512건</span> 1 페이지</div><ul class="btn_bo_user"><li><a href="https://ktor.example/bbs/rss.php?bo_table=drama" class="btn_b01 btn" title="RSS"><span class="sound_only">RSS</span></a></li><li><a href="https://ktor.example/bbs/write.php?bo_table=drama" class="btn_b01 btn" title="글쓰기"><span class="sound_only">글쓰기</span></a></li></ul></div>
          <div class="tbl_head01 tbl_wrap"><table><caption>드라마 목록</caption><thead><tr>
            <th scope="col">번호</th><th scope="col">제목</th><th scope="col">글쓴이</th><th scope="col"><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sop=and&amp;sst=wr_hit&amp;sod=desc">조회 </a></th><th scope="col"><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;sop=and&amp;sst=wr_datetime&amp;sod=desc">날짜  </a></th></tr></thead>
          <tbody>
          <tr class="bo_notice"><td class="td_num2"><strong class="notice_icon">공지</strong></td><td class="td_subject"><div class="bo_tit"><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;wr_id=10">토렌트 게시판 이용 규칙 안내 (필독)</a></div></td><td class="td_name sv_use"><span class="sv_member">최고관리자</span></td><td class="td_num">52,011</td><td class="td_datetime">01-02</td></tr>
          {{GnuboardRow(4512, 1234, "무빙 E01-E20 완결 1080p WEB-DL H264 AAC", "torrentking", 12, "3,120", "05-24")}}
          {{GnuboardRow(4511, 1233, "눈물의 여왕 16화 완결 1080p WEB-DL", "dramaman", 5, "2,877", "05-24")}}
          {{GnuboardRow(4510, 1231, "Oppenheimer 2023 1080p BluRay x264 한글자막", "moviebot", 0, "1,455", "05-23")}}
          {{GnuboardRow(4509, 1229, "범죄도시4 2024 1080p WEB-DL H264 AAC", "torrentking", 8, "6,004", "05-22")}}
          {{GnuboardRow(4508, 1227, "나는 솔로 E150 240515 720p-NEXT", "varietyfan", 1, "911", "05-21")}}
          </tbody></table></div>
        </form></div>
        <nav class="pg_wrap"><span class="pg"><strong class="pg_current">1</strong><span class="sound_only">페이지</span><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;page=2" class="pg_page">2<span class="sound_only">페이지</span></a><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;page=3" class="pg_page">3<span class="sound_only">페이지</span></a><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;page=451" class="pg_page pg_end">맨끝</a></span></nav>
        </div></div>{{GnuboardAside}}</div>
        <div id="ft"><div id="ft_wr"><div id="ft_link" class="ft_cnt"><a href="https://ktor.example/bbs/content.php?co_id=company">회사소개</a><a href="https://ktor.example/bbs/content.php?co_id=privacy">개인정보처리방침</a><a href="https://ktor.example/bbs/content.php?co_id=provision">서비스이용약관</a></div></div><div id="ft_copy">Copyright &copy; <b>ktor.example</b> All rights reserved.</div></div>
        </body></html>
        """;

    public static readonly string GnuboardView = $$"""
        <!doctype html><html lang="ko"><head><meta charset="utf-8"><title>무빙 E01-E20 완결 1080p WEB-DL H264 AAC &gt; 드라마 | 케이토렌트</title></head>
        <body>{{string.Format(System.Globalization.CultureInfo.InvariantCulture, GnuboardHead, "무빙 E01-E20 완결 1080p WEB-DL H264 AAC &gt; 드라마")}}
        <div id="wrapper"><div id="container_wr"><div id="container"><h2 id="container_title"><span title="드라마">드라마</span></h2>
        <article id="bo_v" style="width:100%">
          <header><h2 id="bo_v_title"><span class="bo_v_tit">무빙 E01-E20 완결 1080p WEB-DL H264 AAC</span></h2></header>
          <section id="bo_v_info"><h2>페이지 정보</h2><div class="profile_info"><div class="profile_info_ct"><span class="sound_only">작성자</span> <strong><span class="sv_wrap"><a href="https://ktor.example/bbs/profile.php?mb_id=torrentking" class="sv_member" title="torrentking 자기소개" onclick="return false;">torrentking</a></span></strong><br>
            <span class="sound_only">댓글</span><strong><a href="#bo_vc"> <i class="fa fa-commenting-o" aria-hidden="true"></i> 댓글 12</a></strong> <span class="sound_only">조회</span><strong><i class="fa fa-eye" aria-hidden="true"></i> 조회 3,121</strong>
            <strong class="if_date"><span class="sound_only">작성일</span><i class="fa fa-clock-o" aria-hidden="true"></i> 24-05-24 21:14</strong></div></div></section>
          <section id="bo_v_atc"><h2 id="bo_v_atc_title">본문</h2>
            <div id="bo_v_con"><p>무빙 1회부터 20회까지 완결 토렌트입니다. 용량 38GB. 시드 유지 부탁드려요.</p>
              <p><a href="magnet:?xt=urn:btih:3b245504cf5f11bbdbe1201cea6a6bf45aee1bc0&amp;dn=Moving.E01-E20.1080p.WEB-DL" target="_blank" rel="nofollow">magnet:?xt=urn:btih:3b245504cf5f11bbdbe1201cea6a6bf45aee1bc0</a></p></div></section>
          <section id="bo_v_file"><h2>첨부파일</h2><ul><li><i class="fa fa-download" aria-hidden="true"></i><a href="https://ktor.example/bbs/download.php?bo_table=drama&amp;wr_id=1234&amp;no=0" class="view_file_download"><strong>Moving.E01-E20.1080p.WEB-DL.H264.AAC.torrent</strong> (24.5K)</a><br><span class="bo_v_file_cnt">211회 다운로드 | DATE : 2024-05-24 21:14:03</span></li></ul></section>
          <div id="bo_v_top"><ul class="btn_bo_user bo_v_com"><li><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;page=" class="btn_b01 btn" title="목록"><span class="sound_only">목록</span></a></li><li><a href="https://ktor.example/bbs/write.php?w=r&amp;bo_table=drama&amp;wr_id=1234" class="btn_b01 btn" title="답변"><span class="sound_only">답변</span></a></li></ul>
            <ul class="bo_v_nb"><li class="btn_prv"><span class="nb_tit">이전글</span><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;wr_id=1233">눈물의 여왕 16화 완결 1080p WEB-DL</a></li><li class="btn_next"><span class="nb_tit">다음글</span><a href="https://ktor.example/bbs/board.php?bo_table=drama&amp;wr_id=1236">선재 업고 튀어 1-16화 완결 1080p</a></li></ul></div>
        </article>
        <section id="bo_vc"><h2>댓글목록</h2>
          <article id="c_2001"><header style="z-index:2"><h2>dramaman님의 댓글</h2><span class="sv_member">dramaman</span><span class="sound_only">작성일</span><span class="bo_vc_hdinfo"><time datetime="2024-05-24T22:00:00+09:00">24-05-24 22:00</time></span></header><div class="cmt_contents"><p>감사합니다 잘 받을게요</p></div></article>
          <article id="c_2002"><header style="z-index:2"><h2>seedlover님의 댓글</h2><span class="sv_member">seedlover</span><span class="bo_vc_hdinfo"><time datetime="2024-05-24T23:10:00+09:00">24-05-24 23:10</time></span></header><div class="cmt_contents"><p>시드 부탁드려요~ 90%에서 멈췄어요</p></div></article>
          <article id="c_2003"><header style="z-index:2"><h2>movielove님의 댓글</h2><span class="sv_member">movielove</span><span class="bo_vc_hdinfo"><time datetime="2024-05-25T08:00:00+09:00">24-05-25 08:00</time></span></header><div class="cmt_contents"><p>최고입니다!</p></div></article>
        </section>
        </div></div>{{GnuboardAside}}</div>
        <div id="ft"><div id="ft_copy">Copyright &copy; <b>ktor.example</b> All rights reserved.</div></div></body></html>
        """;

    private static string RhymixRow(int no, string category, int srl, string title, int replies, string author, string date, string views) => $$"""
        <tr><td class="no">{{no}}</td><td class="cate"><span style="color:#2a7fd4">{{category}}</span></td>
          <td class="title"><a href="/index.php?mid=drama&amp;document_srl={{srl}}" class="hx" data-viewer="/index.php?mid=drama&amp;document_srl={{srl}}&amp;listStyle=viewer">{{title}}</a>{{(replies > 0 ? $"<a href=\"/index.php?mid=drama&amp;document_srl={srl}#{srl}_comment\" class=\"replyNum\" title=\"댓글\">{replies}</a>" : "")}}<span class="extraimages"><img src="/modules/document/tpl/icons/file.gif" alt="file" title="file"></span></td>
          <td class="author"><span><a href="#popup_menu_area" class="member_{{srl % 300}}" onclick="return false">{{author}}</a></span></td><td class="time" title="21:14">{{date}}</td><td class="m_no">{{views}}</td></tr>
        """;

    public static readonly string RhymixList = $$"""
        <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><meta name="Generator" content="Rhymix"><title>드라마 자료실 - XE 드라마</title></head>
        <body class="rx_layout">
        <div class="xe"><div class="header"><h1><a href="/" id="siteTitle">XE 드라마</a></h1>
          <div class="gnb" id="gnb"><ul><li class="active"><a href="/index.php?mid=drama">드라마 자료실</a><ul><li><a href="/index.php?mid=drama&amp;category=101">한국 드라마</a></li><li><a href="/index.php?mid=drama&amp;category=102">미국 드라마</a></li></ul></li><li><a href="/index.php?mid=movie">영화 자료실</a></li><li><a href="/index.php?mid=free">자유게시판</a></li></ul></div></div>
        <div class="body"><div class="content" id="content"><div class="bd">
          <div class="bd_hd clear"><div class="bd_bc fl"><a href="/"><i class="home ico_16px">Home</i></a><i class="arrow"></i><a href="/index.php?mid=drama"><span>드라마 자료실</span></a></div>
            <div class="bd_font m_no fr"><a class="select tg_blur2" href="#">가</a></div></div>
          <div class="cnb_n_list"><div class="bd_cnb clear"><ul class="bubble bg_f_f9"><li class="home on"><a href="/index.php?mid=drama" title="글 수 8,122">전체</a></li><li><a href="/index.php?mid=drama&amp;category=101">한국 드라마</a></li><li><a href="/index.php?mid=drama&amp;category=102">미국 드라마</a></li></ul></div></div>
          <table class="bd_lst bd_tb_lst bd_tb"><caption class="blind">List of Articles</caption>
            <thead class="bg_f_f9"><tr><th scope="col" class="no"><span><a href="/index.php?mid=drama&amp;order_type=desc" title="내림차순">번호</a></span></th><th scope="col" class="m_no"><span>분류</span></th><th scope="col" class="title"><span><a href="/index.php?mid=drama&amp;sort_index=title&amp;order_type=desc">제목</a></span></th><th scope="col"><span>글쓴이</span></th><th scope="col"><span><a href="/index.php?mid=drama&amp;sort_index=regdate&amp;order_type=desc">날짜</a></span></th><th scope="col" class="m_no"><span><a href="/index.php?mid=drama&amp;sort_index=readed_count&amp;order_type=desc">조회 수</a></span></th></tr></thead>
            <tbody>
              <tr class="notice"><td class="no"><strong>공지</strong></td><td class="cate"></td><td class="title"><a href="/index.php?mid=drama&amp;document_srl=100" class="hx"><strong>자료실 이용 안내 – 링크는 댓글로 요청하지 마세요</strong></a></td><td class="author"><span><a href="#popup_menu_area" class="member_4" onclick="return false">관리자</a></span></td><td class="time">2023.01.02</td><td class="m_no">40,021</td></tr>
              {{RhymixRow(8122, "한국 드라마", 5123, "선재 업고 튀어 E01-E16 완결 1080p WEB-DL", 7, "업로더", "2024.05.24", "2,311")}}
              {{RhymixRow(8121, "한국 드라마", 5120, "졸업 (The Midnight Romance in Hagwon) E08 720p", 2, "드라마광", "2024.05.23", "1,102")}}
              {{RhymixRow(8120, "미국 드라마", 5117, "Shōgun S01 Complete 1080p DSNP WEB-DL 한글자막", 0, "미드매니아", "2024.05.22", "3,987")}}
              {{RhymixRow(8119, "한국 드라마", 5112, "수사반장 1958 E10 END 1080p", 4, "업로더", "2024.05.20", "876")}}
            </tbody></table>
          <div class="btm_mn clear"><div class="fl"><a class="btn_img" href="/index.php?mid=drama&amp;act=dispBoardWrite"><span>쓰기</span></a></div></div>
          <form action="/" method="get" class="bd_srch_btm"><input type="hidden" name="mid" value="drama"><input type="text" name="search_keyword" class="bd_srch_btm_itx srch_itx"></form>
          <div class="bd_pg clear"><strong class="direction">1</strong><a class="frst_last bubble" href="/index.php?mid=drama&amp;page=2">2</a><a href="/index.php?mid=drama&amp;page=3">3</a><a class="direction" href="/index.php?mid=drama&amp;page=2">Next</a></div>
        </div></div></div>
        <div class="footer"><p>Powered by <a href="https://rhymix.org/">Rhymix</a></p></div></div></body></html>
        """;

    private static string TbdevRow(int id, string category, string name, string added, string size, string snatched, int seeders, int leechers, string uploader) => $$"""
        <tr><td align="center" style="padding: 0px"><a href="browse.php?cat=5"><img border="0" src="pic/cat_{{category}}.gif" alt="{{category}}"></a></td>
          <td align="left"><a href="details.php?id={{id}}&amp;hit=1"><b>{{name}}</b></a></td>
          <td align="center"><a href="download.php/{{id}}/{{name}}.torrent"><img src="pic/download.gif" border="0" alt="Download"></a></td>
          <td align="right"><b><a href="filelist.php?id={{id}}">1</a></b></td><td align="right"><b><a href="details.php?id={{id}}&amp;hit=1&amp;tocomm=1">{{id % 9}}</a></b></td>
          <td align="center"><nobr>{{added}}<br>21:14:03</nobr></td><td align="center">{{size}}</td><td align="center">{{snatched}}<br>times</td>
          <td align="right"><b><a href="details.php?id={{id}}&amp;hit=1&amp;toseeders=1"><font color="#000000">{{seeders}}</font></a></b></td><td align="right"><b><a href="details.php?id={{id}}&amp;hit=1&amp;todlers=1">{{leechers}}</a></b></td>
          <td align="center"><a href="userdetails.php?id={{id % 40}}"><b>{{uploader}}</b></a></td></tr>
        """;

    public static readonly string TbdevBrowse = $$"""
        <html><head><title>K-Tracker :: Browse</title><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
        <body><table class="mainouter" width="100%" border="1" cellspacing="0" cellpadding="10"><tr><td class="outer" align="center">
        <table class="main" width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="embedded"><a href="index.php"><img src="pic/logo.gif" alt="K-Tracker"></a></td><td class="embedded" align="right">Welcome back, <a href="userdetails.php?id=3">guest_viewer</a> [<a href="logout.php">logout</a>]</td></tr></table>
        <table class="mainmenu" width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="navigation"><a href="index.php">Home</a></td><td class="navigation"><a href="browse.php">Browse</a></td><td class="navigation"><a href="upload.php">Upload</a></td><td class="navigation"><a href="my.php">Profile</a></td><td class="navigation"><a href="forums.php">Forums</a></td><td class="navigation"><a href="rules.php">Rules</a></td><td class="navigation"><a href="faq.php">FAQ</a></td></tr></table>
        <form method="get" action="browse.php"><table class="bottom"><tr><td class="bottom"><input type="checkbox" name="c5" value="1"><a class="catlink" href="browse.php?cat=5">TV/HD</a></td><td class="bottom"><input type="checkbox" name="c7" value="1"><a class="catlink" href="browse.php?cat=7">Movies</a></td><td class="bottom"><input type="checkbox" name="c9" value="1"><a class="catlink" href="browse.php?cat=9">Music</a></td></tr></table><input type="text" name="search" size="40"><input type="submit" value="Search!"></form>
        <p align="center"><b>1&nbsp;-&nbsp;4</b> | <a href="browse.php?page=1"><b>5&nbsp;-&nbsp;8</b></a> | <a href="browse.php?page=1"><b>Next&nbsp;&gt;&gt;</b></a></p>
        <table border="1" cellspacing="0" cellpadding="5">
        <tr><td class="colhead" align="center">Type</td><td class="colhead" align="left"><a href="browse.php?sort=1&amp;type=desc">Name</a></td><td class="colhead" align="left">DL</td><td class="colhead" align="right">Files</td><td class="colhead" align="right">Comm.</td><td class="colhead" align="center">Added</td><td class="colhead" align="center">Size</td><td class="colhead" align="center">Snatched</td><td class="colhead" align="right">Seeders</td><td class="colhead" align="right">Leechers</td><td class="colhead" align="center">Upped&nbsp;by</td></tr>
        {{TbdevRow(4101, "tv", "Moving.S01E01.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO", "2024-05-24", "2.10<br>GB", "1,532", 245, 12, "seoulrips")}}
        {{TbdevRow(4100, "tv", "The.Glory.S01E03.720p.NF.WEB-DL.x264-NTb", "2024-05-23", "1.30<br>GB", "822", 120, 8, "kimchi")}}
        {{TbdevRow(4098, "movies", "Parasite.2019.KOREAN.2160p.UHD.BluRay.x265-SiGMA", "2024-05-22", "18.40<br>GB", "3,901", 512, 40, "seoulrips")}}
        {{TbdevRow(4095, "tv", "Vincenzo.E01.1080p.NF.WEB-DL.x265-FLUX", "2024-05-20", "900.00<br>MB", "77", 9, 1, "hanbyul")}}
        </table>
        <p align="center"><a href="browse.php?page=1"><b>Next&nbsp;&gt;&gt;</b></a></p>
        <table class="bottom" width="100%"><tr><td class="bottom" align="center">Powered by TBDev.net · <a href="staff.php">Staff</a> · <a href="rules.php">Rules</a></td></tr></table>
        </td></tr></table></body></html>
        """;

    private static string GazelleRow(int group, int torrent, string title, string info, string time, string size, string snatches, int seeders, int leechers) => $$"""
        <tr class="torrent torrent_row"><td class="center cats_col"><div title="TV" class="tooltip cats_tv tags_drama"></div></td>
          <td class="td_info big_info"><div class="group_info clear"><span>[ <a href="torrents.php?action=download&amp;id={{torrent}}&amp;authkey=0f1e2d&amp;torrent_pass=a1b2c3d4e5" class="tooltip" title="Download">DL</a> | <a href="reportsv2.php?action=report&amp;id={{torrent}}" class="tooltip" title="Report">RP</a> ]</span>
            <a href="torrents.php?id={{group}}&amp;torrentid={{torrent}}#torrent{{torrent}}" class="tooltip" title="View torrent" dir="ltr">{{title}}</a> <span class="torrent_info">{{info}}</span>
            <div class="tags"><a href="torrents.php?taglist=drama">drama</a>, <a href="torrents.php?taglist=korean">korean</a>, <a href="torrents.php?taglist=web.dl">web.dl</a></div></div></td>
          <td class="td_file_count">1</td><td class="td_time nobr"><span class="time tooltip" title="{{time}}">{{time}}</span></td><td class="td_size number_column nobr">{{size}}</td>
          <td class="td_snatched m_td_right number_column">{{snatches}}</td><td class="td_seeders m_td_right number_column">{{seeders}}</td><td class="td_leechers m_td_right number_column">{{leechers}}</td></tr>
        """;

    public static readonly string GazelleTorrents = $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Browse Torrents :: KZelle</title></head>
        <body id="torrents"><div id="wrapper"><div id="header"><div id="logo"><a href="index.php"></a></div>
          <div id="menu"><h4 class="hidden">Site Menu</h4><ul><li id="nav_index"><a href="index.php">Home</a></li><li id="nav_torrents" class="active"><a href="torrents.php">Torrents</a></li><li id="nav_collages"><a href="collages.php">Collages</a></li><li id="nav_requests"><a href="requests.php">Requests</a></li><li id="nav_forums"><a href="forums.php">Forums</a></li><li id="nav_wiki"><a href="wiki.php">Wiki</a></li></ul></div>
          <div id="userinfo"><ul id="userinfo_username"><li id="nav_userinfo"><a href="user.php?id=12" class="username">viewer</a></li><li id="nav_logout"><a href="logout.php?auth=0f1e2d">Logout</a></li></ul><ul id="userinfo_stats"><li id="stats_seeding"><a href="torrents.php?type=seeding&amp;userid=12">Up</a>: <span class="stat">1.2 TB</span></li></ul></div></div>
        <div id="content"><div class="thin"><div class="header"><h2>Torrents</h2></div>
          <form class="search_form" name="torrents" method="get" action=""><div class="box filter_torrents"><input type="search" name="searchstr" size="40"></div></form>
          <div class="linkbox"><strong>1-50</strong> | <a href="torrents.php?page=2"><strong>51-100</strong></a> | <a href="torrents.php?page=2" class="pager_next"><strong>Next &gt;</strong></a></div>
          <table class="torrent_table cats m_table" id="torrent_table">
            <tr class="colhead"><td class="center">&nbsp;</td><td class="m_th_left m_th_left_collapsable nobr">Name / <a href="?order_way=desc&amp;order_by=year">Year</a></td><td>Files</td><td class="nobr"><a href="?order_way=desc&amp;order_by=time">Time</a></td><td class="nobr"><a href="?order_way=desc&amp;order_by=size">Size</a></td>
              <td class="sign nobr snatches"><a href="?order_way=desc&amp;order_by=snatched"><img src="static/styles/kz/images/snatched.png" class="tooltip" alt="Snatches" title="Snatches"></a></td><td class="sign nobr seeders"><a href="?order_way=desc&amp;order_by=seeders"><img src="static/styles/kz/images/seeders.png" class="tooltip" alt="Seeders" title="Seeders"></a></td><td class="sign nobr leechers"><a href="?order_way=desc&amp;order_by=leechers"><img src="static/styles/kz/images/leechers.png" class="tooltip" alt="Leechers" title="Leechers"></a></td></tr>
            {{GazelleRow(300, 9001, "Queen of Tears (눈물의 여왕) [2024] S01E16", "[ MKV / H.264 / WEB-DL / 1080p / Freeleech! ]", "May 24 2024, 21:14", "1.42 GB", "2,210", 301, 12)}}
            {{GazelleRow(298, 8990, "My Mister (나의 아저씨) [2018] Complete", "[ MKV / H.265 / BluRay / 1080p ]", "May 22 2024, 10:02", "61.20 GB", "455", 88, 3)}}
            {{GazelleRow(295, 8977, "Decision to Leave (헤어질 결심) [2022]", "[ MKV / H.264 / BluRay / 2160p / Scene ]", "May 20 2024, 08:00", "22.80 GB", "1,003", 140, 6)}}
          </table>
          <div class="linkbox"><a href="torrents.php?page=2" class="pager_next"><strong>Next &gt;</strong></a></div></div></div>
        <div id="footer"><p>Site and design &copy; 2024 KZelle · <a href="rules.php">Rules</a> · <a href="staff.php">Staff</a></p></div></div></body></html>
        """;

    public const string NewsList = """
        <!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>Drama News Daily – Korean TV news, reviews and ratings</title><meta name="generator" content="WordPress 6.5.3"></head>
        <body class="home blog"><div id="page" class="site">
        <header id="masthead" class="site-header"><h1 class="site-title"><a href="https://dramanews.example/">Drama News Daily</a></h1><nav class="main-navigation"><ul class="menu"><li class="menu-item"><a href="https://dramanews.example/news/">News</a></li><li class="menu-item"><a href="https://dramanews.example/reviews/">Reviews</a></li><li class="menu-item"><a href="https://dramanews.example/ratings/">Ratings</a></li></ul></nav></header>
        <main id="main" class="site-main">
          <article class="post-91 post type-post status-publish hentry category-news"><header class="entry-header"><h2 class="entry-title"><a href="https://dramanews.example/queen-of-tears-record-ratings/">Queen of Tears finale sets tvN ratings record</a></h2></header>
            <div class="entry-content"><p>The finale reached 24.9% nationwide, according to Nielsen Korea. The series streams on <a href="https://www.netflix.com/title/81707945">Netflix</a>.</p></div></article>
          <article class="post-90 post type-post status-publish hentry category-reviews"><header class="entry-header"><h2 class="entry-title"><a href="https://dramanews.example/review-lovely-runner/">Review: Lovely Runner is the surprise of the spring</a></h2></header>
            <div class="entry-content"><p>Byeon Woo-seok and Kim Hye-yoon shine. Watch it legally on <a href="https://www.viki.com/tv/40000c-lovely-runner">Viki</a> or <a href="https://www.tving.com/contents/P001">TVING</a>.</p></div></article>
          <article class="post-89 post type-post status-publish hentry category-news"><header class="entry-header"><h2 class="entry-title"><a href="https://dramanews.example/squid-game-2-date/">Squid Game season 2 gets its release date</a></h2></header>
            <div class="entry-content"><p>Netflix confirmed the date at its Tudum event. <a href="https://dramanews.example/squid-game-2-date/#more-89" class="more-link">Read more</a></p></div></article>
          <article class="post-88 post type-post status-publish hentry category-features"><header class="entry-header"><h2 class="entry-title"><a href="https://dramanews.example/piracy-hurts-k-drama/">Why piracy hurts the K-drama industry</a></h2></header>
            <div class="entry-content"><p>Sites that post MEGA or torrent links cost producers millions, a KOCCA study says.</p></div></article>
          <nav class="navigation pagination"><div class="nav-links"><a class="page-numbers" href="https://dramanews.example/page/2/">2</a><a class="next page-numbers" href="https://dramanews.example/page/2/">Next</a></div></nav>
        </main>
        <aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent</h2><ul><li><a href="https://dramanews.example/queen-of-tears-record-ratings/">Queen of Tears finale sets tvN ratings record</a></li><li><a href="https://dramanews.example/review-lovely-runner/">Review: Lovely Runner</a></li><li><a href="https://dramanews.example/squid-game-2-date/">Squid Game season 2 date</a></li></ul></section></aside>
        <footer class="site-footer"><a href="https://dramanews.example/about/">About</a> · <a href="https://dramanews.example/privacy/">Privacy</a></footer></div></body></html>
        """;

    public static readonly string LegalForum = $$"""
        <!DOCTYPE html><html dir="ltr" lang="fr"><head><meta charset="utf-8"><title>Droit d'auteur - Forum juridique</title></head>
        <body id="phpbb" class="section-viewforum ltr"><div id="wrap" class="wrap">
        <div class="headerbar" role="banner"><div class="inner"><h1>Forum juridique – Copyright &amp; media law</h1><p>Questions de droit d'auteur, licences et streaming légal.</p></div></div>
        <div class="navbar" role="navigation"><ul class="nav-main linklist"><li><a href="./faq.php">FAQ</a></li><li><a href="./ucp.php?mode=login">Connexion</a></li></ul></div>
        <div id="page-body" class="page-body" role="main"><h2 class="forum-title"><a href="./viewforum.php?f=2">Droit d'auteur</a></h2>
        <div class="forumbg"><div class="inner"><ul class="topiclist"><li class="header"><dl class="row-item"><dt><div class="list-inner">Sujets</div></dt><dd class="posts">Réponses</dd><dd class="views">Vues</dd></dl></li></ul>
          <ul class="topiclist topics">
          {{PhpbbRow(410, "", "Is it legal to download a K-drama from MEGA if it is not sold in France?", "juriste75", 14, 2210, "2024-05-20T10:00:00+00:00")}}
          {{PhpbbRow(407, "", "Hadopi / Arcom : que risque-t-on pour un torrent ?", "avocat_ip", 22, 5120, "2024-05-18T10:00:00+00:00")}}
          {{PhpbbRow(401, "", "Licensing a webtoon for a French translation: who owns the rights?", "editrice", 6, 740, "2024-05-12T10:00:00+00:00")}}
          {{PhpbbRow(398, "", "저작권법 제136조 – 한국에서의 처벌 기준", "koreanlaw", 3, 402, "2024-05-10T10:00:00+00:00")}}
          </ul></div></div>
        </div></div></body></html>
        """;
}
