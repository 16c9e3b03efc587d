/** Titles, bylines and escaped metadata, as pages write them. */
import { describe, expect, it } from 'vitest'
import { extractHtml } from '../../../../../src/main/services/import/html/extractHtml'
import { cleanByline, decodeEntities } from '../../../../../src/main/services/import/html/metadata'
import { chooseTitle } from '../../../../../src/main/services/import/html/title'

const body = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the story, with enough words in it, commas, and a full stop to read as prose. It goes on a little longer, so that it counts.</p>`,
).join('')

describe('titles', () => {
  it('takes an <h1> that is the first part of the <title>, in the title’s spelling', () => {
    expect(
      chooseTitle({
        documentTitle: 'Quickstart — Flask Documentation (3.1.x)',
        h1s: ['Quickstart¶'],
      }),
    ).toBe('Quickstart')
    expect(
      chooseTitle({
        documentTitle: 'Weekend Coding Agent | Focus Labs',
        h1s: ['WEEKENDCODING AGENT'],
      }),
    ).toBe('Weekend Coding Agent')
  })

  it('does not take an <h1> that is the site part of the <title>', () => {
    expect(
      chooseTitle({
        documentTitle: 'What is Ownership? - The Rust Programming Language',
        h1s: ['The Rust Programming Language'],
      }),
    ).toBe('What is Ownership?')
  })

  it('takes the headline out of an <h1> that adds a label or the site to it', () => {
    const headline = 'What do you look for in a web host?'
    expect(chooseTitle({ headline, h1s: [`Thread: ${headline}`] })).toBe(headline)
    expect(
      chooseTitle({ headline, h1s: ['Dec 18 2025 What do you look for in a web host?'] }),
    ).toBe(headline)
    expect(chooseTitle({ headline: 'Catering Tips', h1s: ['Catering Tips | Cookshack'] })).toBe(
      'Catering Tips',
    )
  })

  it('takes the page’s only <h1> over metadata written for search results', () => {
    const headline = 'Top Tech Conferences 2026 – The Global Events Driving the Future'
    expect(chooseTitle({ headline, h1s: ['Biggest tech events of 2026'] })).toBe(
      'Biggest tech events of 2026',
    )
    // …but not a site's name in its banner, a short label, or a heading inside the text.
    expect(
      chooseTitle({ headline, h1s: ['The Conference Guide Blog'], siteName: 'Conference Guide' }),
    ).toBe(headline)
    expect(chooseTitle({ headline, h1s: ['Events'] })).toBe(headline)
    expect(
      chooseTitle({ headline, h1s: ['Biggest tech events of 2026'], h1FollowsText: true }),
    ).toBe(headline)
  })

  it('reads an <h1> of more than thirty words as a summary when the page states a headline', () => {
    const headline = 'The 10 Best Home Improvement Projects of 2023'
    const summary =
      'Learn which home renovations pay back the most? Get expert tips on how to understand and ' +
      'weigh the cost of a project. We will help you learn everything you need to know about ' +
      'the value of your renovation.'
    expect(chooseTitle({ headline, h1s: [summary] })).toBe(headline)
    // A long headline the metadata states is still the headline, and so is one where the
    // only metadata is the site's <title>.
    expect(chooseTitle({ headline: summary, h1s: [summary] })).toBe(summary)
    expect(
      chooseTitle({ documentTitle: 'Forum - The heart of the internet', h1s: [summary] }),
    ).toBe(summary)
  })

  it('reads an <h1> after paragraphs of the text as a pull quote, not the headline', () => {
    const page = (h1: string): string =>
      `<html><head><meta property="og:title" content="What do people love about Rust?"></head><body><article>${body}${h1}${body}</article></body></html>`
    expect(
      extractHtml({ html: page('<h1>It is the sense of empowerment and versatility</h1>') }).title,
    ).toBe('What do people love about Rust?')
  })

  it('keeps an <h1> that goes on after the headline in words', () => {
    expect(chooseTitle({ headline: 'Networking', h1s: ['Networking in Compose'] })).toBe(
      'Networking in Compose',
    )
  })
})

describe('escaped metadata', () => {
  it('decodes character references left in a value', () => {
    expect(decodeEntities('Full &#038; Part Time')).toBe('Full & Part Time')
    expect(decodeEntities('Actuary&#8217;s Choice &amp; more &#x26; &bogus;')).toBe(
      'Actuary’s Choice & more & &bogus;',
    )
  })

  it('reads an Open Graph title that was escaped twice', () => {
    const html = `<html><head><title>x</title><meta property="og:title" content="Rankings: Full &amp;#038; Part Time"></head><body><article>${body}</article></body></html>`
    expect(extractHtml({ html }).title).toBe('Rankings: Full & Part Time')
  })
})

describe('bylines', () => {
  it('cleans labels glued to a name, and a job after a comma', () => {
    expect(cleanByline('Reyan PerumalPublished')).toBe('Reyan Perumal')
    expect(cleanByline('Rabbids Posted March 19, 2024')).toBe('Rabbids')
    expect(cleanByline('David Jackson Last updated on: October 1, 2025')).toBe('David Jackson')
    expect(cleanByline('jsteinhardt18th Dec 2025AI Alignment Forum3 min read2')).toBe('jsteinhardt')
    expect(cleanByline('Written bySir Nuno')).toBe('Sir Nuno')
    expect(cleanByline('Brett Cruz, Privacy and Digital Security Expert')).toBe('Brett Cruz')
    // Degrees are part of how a writer is named; names that start with "By" are names.
    expect(cleanByline('Vanessa Mendez, MD')).toBe('Vanessa Mendez, MD')
    expect(cleanByline('Lisa Byrne')).toBe('Lisa Byrne')
  })

  it('reads a `By …` line shown by the headline when no metadata names the writer', () => {
    const html = `<html><head><title>Solar panels</title></head><body><article><h1>Solar panels</h1>
      <div class="meta"><span>By <a href="/people/emily-walker">Emily Walker</a></span> · <span>Updated May 3</span></div>
      ${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Emily Walker')
  })

  it('reads a `Written by …` author box, and drops the publication after the names', () => {
    const box = `<html><head><title>Query tuning</title></head><body><article><h1>Query tuning</h1>${body}
      <p>Written by <a href="https://example.org/paulo">Paulo Giovannini</a></p></article></body></html>`
    expect(extractHtml({ html: box }).author).toBe('Paulo Giovannini')
    const joined = `<html><head><title>Meditation</title><meta name="author" content="Manoj Jain and Jagpreet Chhatwal, The Valley Courier"><meta property="og:site_name" content="The Valley Courier"></head><body><article><h1>Meditation</h1>${body}</article></body></html>`
    expect(extractHtml({ html: joined }).author).toBe('Manoj Jain and Jagpreet Chhatwal')
  })
})

describe('bylines that name the publication or carry glue', () => {
  it('drops a date glued after the name, a glued `By`, and labels with no name', () => {
    expect(cleanByline('Luke KimDecember 17, 2025')).toBe('Luke Kim')
    expect(cleanByline('Yucy3/4/2025')).toBe('Yucy')
    expect(cleanByline('Nick van Mead2022-11-23T08:10+02:00')).toBe('Nick van Mead')
    expect(cleanByline('ByAmy Roeder')).toBe('Amy Roeder')
    expect(cleanByline('Byron Mayes')).toBe('Byron Mayes')
    expect(cleanByline('ggailey777')).toBe('ggailey777')
    expect(cleanByline('Written By')).toBeUndefined()
    expect(cleanByline('&')).toBeUndefined()
  })

  it('prefers the writer in the byline to an author that is the site itself', () => {
    const page = (author: string, byline: string): string =>
      `<html><head><title>Patch notes</title><meta name="author" content="${author}"><meta property="og:site_name" content="Acme Security"></head>
      <body><article><h1>Patch notes</h1>${byline}${body}</article></body></html>`
    expect(extractHtml({ html: page('Acme Security', '<p>By Rosa Lindqvist</p>') }).author).toBe(
      'Rosa Lindqvist',
    )
    // With no byline, the site's name is all the page says.
    expect(extractHtml({ html: page('Acme Security', '') }).author).toBe('Acme Security')
    // A writer the metadata names keeps their place over a byline away from the headline.
    expect(
      extractHtml({
        html: page('Tom Berg', '').replace('</article>', '<p>By Rosa Lindqvist</p></article>'),
      }).author,
    ).toBe('Tom Berg')
  })

  it('takes a JSON-LD author typed Organization only when no person is named', () => {
    const ld = (author: object): string =>
      `<script type="application/ld+json">${JSON.stringify({ '@type': 'BlogPosting', headline: 'Notes', author })}</script>`
    const org = { '@type': 'Organization', name: 'Northwind Labs' }
    const withByline = `<html><head><title>Notes</title>${ld(org)}</head><body><article><h1>Notes</h1><p>By Ada Brook</p>${body}</article></body></html>`
    expect(extractHtml({ html: withByline }).author).toBe('Ada Brook')
    const alone = `<html><head><title>Notes</title>${ld(org)}</head><body><article><h1>Notes</h1>${body}</article></body></html>`
    expect(extractHtml({ html: alone }).author).toBe('Northwind Labs')
  })

  it('drops the publication after the names when the site’s name says more', () => {
    const html = `<html><head><title>Meditation</title><meta name="author" content="Manoj Jain and Jagpreet Chhatwal, The Valley Courier"><meta property="og:site_name" content="Springfield Valley Courier"></head><body><article><h1>Meditation</h1>${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Manoj Jain and Jagpreet Chhatwal')
  })
})

describe('dates a page shows', () => {
  const page = (head: string, top: string): string =>
    `<html><head><title>Garden</title>${head}</head><body><article>${top}${body}</article></body></html>`
  const revised =
    '<meta property="article:published_time" content="2023-01-10T08:00:00Z"><meta property="article:modified_time" content="2024-09-05T10:00:00Z">'

  it('dates a revised page by the change it shows, when it does not show its first date', () => {
    expect(
      extractHtml({ html: page(revised, '<h1>Garden</h1><p>Updated Sep 5, 2024</p>') }).published,
    ).toBe('2024-09-05')
    expect(
      extractHtml({
        html: page(
          revised,
          '<h1>Garden</h1><p>Published January 10, 2023 · Updated Sep 5, 2024</p>',
        ),
      }).published,
    ).toBe('2023-01-10')
    expect(extractHtml({ html: page(revised, '<h1>Garden</h1>') }).published).toBe('2023-01-10')
  })

  it('reads a dateline above the headline, and a date in an element named for it', () => {
    expect(
      extractHtml({ html: page('', '<p>February 4, 2025 - 11 minutes</p><h1>Garden</h1>') })
        .published,
    ).toBe('2025-02-04')
    const far = `<div class="post-date">April 13, 2023</div>${'<p>Filler words in a long header. </p>'.repeat(120)}`
    expect(extractHtml({ html: page('', `<h1>Garden</h1>${far}`) }).published).toBe('2023-04-13')
  })
})

describe('writers named in <meta> tags', () => {
  const page = (head: string): string =>
    `<html><head><title>Sensors</title>${head}</head><body><article><h1>Sensors</h1>${body}</article></body></html>`

  it('lists every writer of a key given once per writer', () => {
    const head =
      '<meta property="article:author" content="Mara Olsen"><meta property="article:author" content="Teo Brandt">'
    expect(extractHtml({ html: page(head) }).author).toBe('Mara Olsen, Teo Brandt')
  })

  it('passes over profile addresses to the name another tag gives', () => {
    const head =
      '<meta property="article:author" content="https://social.example/mara"><meta name="citation_author" content="Mara Olsen">'
    expect(extractHtml({ html: page(head) }).author).toBe('Mara Olsen')
  })

  it('takes the fuller list of writers that includes the one another tag names', () => {
    const head =
      '<meta name="dc.creator" content="Mara Olsen"><meta name="citation_author" content="Mara Olsen"><meta name="citation_author" content="Teo Brandt"><meta name="citation_author" content="Ines Varga">'
    expect(extractHtml({ html: page(head) }).author).toBe('Mara Olsen, Teo Brandt, Ines Varga')
    // The same name twice is one writer.
    expect(
      extractHtml({
        html: page(
          '<meta name="author" content="Mara Olsen"><meta name="author" content="Mara Olsen">',
        ),
      }).author,
    ).toBe('Mara Olsen')
  })
})

describe('bylines set apart or naming several writers', () => {
  const page = (inner: string): string =>
    `<html><head><title>Apps</title></head><body><article><h1>Apps</h1>${inner}${body}</article></body></html>`

  it('reads several writers in a `Written by` line', () => {
    expect(
      extractHtml({
        html: page('<p>Written by <a href="/people/mk">Moses Kim and Kate Shore</a></p>'),
      }).author,
    ).toBe('Moses Kim and Kate Shore')
  })

  it('reads writers set as a list, each name apart', () => {
    // The page's style puts the commas between the items; the text has none.
    const list =
      '<div><span>Written by: <ul class="comma-separated-list"><li><a href="/authors/ew/">Emily Walker</a></li>' +
      '<li><a href="/authors/cm/">Casey McDevitt</a></li></ul></span></div>'
    expect(extractHtml({ html: page(list) }).author).toBe('Emily Walker, Casey McDevitt')
  })

  it('reads the name in the element after a label that stands alone', () => {
    const box = `<div class="writer"><div class="label">Written by</div><div class="name">Jack Hale</div><div>Jack writes about marketing.</div></div>`
    const html = `<html><head><title>Apps</title></head><body><article><h1>Apps</h1>${body}${box}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Jack Hale')
    // An avatar's initials are not the name.
    const initials = html.replace('Jack Hale</div>', 'JH</div>')
    expect(extractHtml({ html: initials }).author).toBeUndefined()
  })
})

describe('titles cut short', () => {
  it('takes the <title> whole when the shared headline is its start, cut at a length limit', () => {
    const full =
      'Fix It Friday: How To Arrange Your Living Room (Including One Trick That Always Works)'
    expect(
      chooseTitle({
        headline: 'Fix It Friday: How To Arrange Your Living Room (Including',
        documentTitle: `${full} - Design Notes`,
        siteName: 'Design Notes',
        h1s: [],
      }),
    ).toBe(full)
    // A section after a separator is no cut.
    const headline = 'Best Practices for Setting Up Automations and Scripts at Home'
    expect(
      chooseTitle({
        headline,
        documentTitle: `${headline} - Configuration - Home Forum`,
        siteName: 'Home Forum',
        h1s: [],
      }),
    ).toBe(headline)
    // A short headline that a longer <title> goes on from is its own title.
    expect(
      chooseTitle({ headline: 'Networking', documentTitle: 'Networking in Compose', h1s: [] }),
    ).toBe('Networking')
  })
})

describe('relative dates', () => {
  it('does not date a page by `today` or `3 days ago`, which meant when it was saved', () => {
    const html = (line: string): string =>
      `<html><head><title>Garden</title></head><body><article><h1>Garden</h1><p>${line}</p>${body}</article></body></html>`
    expect(extractHtml({ html: html('Posted 3 days ago') }).published).toBeUndefined()
    expect(extractHtml({ html: html('Today') }).published).toBeUndefined()
    expect(extractHtml({ html: html('March 4, 2025 · 3 days ago') }).published).toBe('2025-03-04')
  })
})

describe('bylines with more than the name', () => {
  it('drops whoever reviewed the piece, a label in front, and a link’s wording', () => {
    expect(cleanByline('Shelby Loos, DVM. Reviewed by Molly Price, DVM')).toBe('Shelby Loos, DVM')
    expect(cleanByline('Ada Brook, RD; medically reviewed by Tom Berg, MD')).toBe('Ada Brook, RD')
    expect(cleanByline('Authors: Julie Weis and Natalie Holt')).toBe('Julie Weis and Natalie Holt')
    expect(cleanByline('Read more about The Acme Team')).toBe('The Acme Team')
  })

  it('reads a name a layout prints twice, or with an avatar’s initial or a forum rank after it', () => {
    expect(cleanByline('AquaCareAquaCare')).toBe('AquaCare')
    expect(cleanByline('Laubrani (Laubrani)')).toBe('Laubrani')
    expect(cleanByline('hackermondev (Daniel)')).toBe('hackermondev (Daniel)')
    expect(cleanByline('JosephF J')).toBe('JosephF')
    expect(cleanByline('xNinjax X')).toBe('xNinjax')
    expect(cleanByline('Malcolm X')).toBe('Malcolm X')
    expect(cleanByline('Mr_Enigmatic Member')).toBe('Mr_Enigmatic')
    expect(cleanByline('Mr_Enigmatic Member 5')).toBe('Mr_Enigmatic')
    expect(cleanByline('Former Member')).toBe('Former Member')
    expect(cleanByline('jdoe Well-known member')).toBe('jdoe')
  })

  it('cuts words glued after a full name, not a capital inside a name', () => {
    expect(cleanByline('David JacksonLast updated')).toBe('David Jackson')
    expect(cleanByline('Mateusz HabernyFounder at Oakywood')).toBe('Mateusz Haberny')
    expect(cleanByline('Chris Carroll30 Sep')).toBe('Chris Carroll')
    for (const name of ['Kevin McCarthy', 'Mark SubbaRao', 'Team SimplyThrilled', 'Anna LeBlanc'])
      expect(cleanByline(name)).toBe(name)
  })

  it('keeps a label that is a job with a word before it, and takes no day, month or placeholder', () => {
    expect(cleanByline('Our Editors')).toBe('Our Editors')
    expect(cleanByline('The Currency editors')).toBe('The Currency editors')
    expect(cleanByline('Community Editor')).toBe('Community Editor')
    expect(cleanByline('Jane Doe Senior Writer')).toBe('Jane Doe')
    expect(cleanByline('SFist Contributor')).toBe('SFist Contributor')
    for (const value of ['Sat', 'Sun Dec', 'Jun', 'page.head.extra.author'])
      expect(cleanByline(value), value).toBeUndefined()
    expect(cleanByline('sara.r.peter')).toBe('sara.r.peter')
  })

  it('reads a JSON-LD author written as a byline', () => {
    const html = `<html><head><title>Gifts</title><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Gifts', author: { '@type': 'Person', name: 'By Arlene Marsh' } })}</script></head><body><article><h1>Gifts</h1>${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Arlene Marsh')
  })
})

describe('dates in the page’s address', () => {
  const page = (head: string): string =>
    `<html><head><title>Watch list</title>${head}</head><body><article><h1>Watch list</h1>${body}</article></body></html>`

  it('takes the day the address files the page under over a stated date a day off', () => {
    const head =
      '<link rel="canonical" href="https://blog.example/2025/12/18/watch-list/"><meta property="article:published_time" content="2025-12-19T02:05:00+00:00">'
    expect(extractHtml({ html: page(head) }).published).toBe('2025-12-18')
    // A stated date further off is another date: it stays.
    expect(extractHtml({ html: page(head.replace('2025-12-19', '2025-12-28')) }).published).toBe(
      '2025-12-28',
    )
  })

  it('dates a page that states no date by its address', () => {
    expect(
      extractHtml({ html: page('<link rel="canonical" href="https://blog.example/2025/12/19/x">') })
        .published,
    ).toBe('2025-12-19')
  })
})

describe('headings', () => {
  it('reads an <h1> escaped twice as its page shows it', () => {
    expect(
      chooseTitle({
        documentTitle: 'Python & SQL for Data Analysis - Acme',
        siteName: 'Acme',
        h1s: ['Python &#x26; SQL for Data Analysis'],
      }),
    ).toBe('Python & SQL for Data Analysis')
  })

  it('drops the site’s name after a separator at the end of the <h1>', () => {
    const title = 'Critics’ Choice: Best Exhibitions of 2025 – The Art Lane Gazette'
    expect(chooseTitle({ headline: title, siteName: 'The Art Lane Gazette', h1s: [title] })).toBe(
      'Critics’ Choice: Best Exhibitions of 2025',
    )
  })
})

describe('bylines and JSON-LD as templates write them', () => {
  const page = (head: string, top: string, end = ''): string =>
    `<html><head><title>Engines</title>${head}</head><body><article><h1>Engines</h1>${top}${body}${end}</article></body></html>`

  it('reads JSON-LD with line breaks left raw inside its strings', () => {
    const ld = `<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Engines", "text": "One line\nand another", "author": {"@type": "Person", "name": "Need2KnowLion"}, "datePublished": "2024-02-21 13:00:00"}</script>`
    const article = extractHtml({ html: page(ld, '') })
    expect(article.author).toBe('Need2KnowLion')
    expect(article.published).toBe('2024-02-21')
  })

  it('reads a `by:` line with the date after the name, and a post’s `Posted by` footer', () => {
    expect(
      extractHtml({ html: page('', '<p>by: <!-- -->Ziyi Xu<!-- -->, Dec 17, 2025</p>') }).author,
    ).toBe('Ziyi Xu')
    expect(
      extractHtml({
        html: page(
          '',
          '',
          `${body}${body}<span class="posted">Posted by David at December 16, 2025 11:15 AM</span>`,
        ),
      }).author,
    ).toBe('David')
  })
})

describe('labels after a bar in a title', () => {
  it('drops short labels after a bar, not a second headline', () => {
    const title = 'Best Residential Movers in NYC 2025 | Top 19 Companies'
    expect(chooseTitle({ headline: title, h1s: [title] })).toBe(
      'Best Residential Movers in NYC 2025',
    )
    const two =
      'Top 10 Most Desired Digital Cameras of 2025 | The Best Mirrorless Cameras on the Market'
    expect(chooseTitle({ headline: two, h1s: [two] })).toBe(two)
  })
})

describe('addresses that are not plain', () => {
  it('reads the day from an address escaped whole, or from og:url when the canonical is no address', () => {
    const page = (head: string): string =>
      `<html><head><title>Wine</title>${head}</head><body><article><h1>Wine</h1>${body}</article></body></html>`
    expect(
      extractHtml({
        html: page(
          '<meta property="og:url" content="https://blog.example%2Farticles%2F2025-12-15%2BRust">',
        ),
      }).published,
    ).toBe('2025-12-15')
    expect(
      extractHtml({
        html: page(
          '<link rel="canonical" href="What wine is this?"><meta property="og:url" content="https://wine.example/blog/2023/october/03/types">',
        ),
      }).published,
    ).toBe('2023-10-03')
  })
})

describe('headings with controls in them', () => {
  it('reads an <h1> without its buttons and the parts it hides', () => {
    const html = `<html><head><title>tokio - Rust</title></head><body><main><h1>Crate <span>tokio</span>&nbsp;<button title="Copy item path to clipboard">Copy item path</button></h1><p>A runtime.</p>${body}</main></body></html>`
    expect(extractHtml({ html }).title).toBe('Crate tokio')
    const hidden = `<html><head><title>IAM overview | Cloud</title></head><body><main><h1>IAM overview<span hidden><span>Stay organized with collections</span></span></h1>${body}</main></body></html>`
    expect(extractHtml({ html: hidden }).title).toBe('IAM overview')
  })
})

describe('authors that name no one', () => {
  it('takes no label for a name, and no JSON-LD author with nothing before the publication', () => {
    for (const value of ['The Author', 'Topic Author', 'Thread starter', 'Original Poster'])
      expect(cleanByline(value), value).toBeUndefined()
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Films', author: { '@type': 'Person', name: ', USA TODAY' } })}</script>`
    const html = `<html><head><title>Films</title>${ld}</head><body><article><h1>Films</h1><p>By Brian Truitt</p>${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Brian Truitt')
  })
})

describe('headings whose id reads like a byline', () => {
  it('takes no heading named after its own words (`authoring-applications`) for the author', () => {
    const html = `<html><head><title>Crate tokio</title></head><body><main><h1>Crate tokio</h1>${body}
      <h4 id="authoring-applications"><a class="doc-anchor" href="#authoring-applications">§</a>Authoring applications</h4>
      ${body}</main></body></html>`
    expect(extractHtml({ html }).author).toBeUndefined()
  })

  it("still reads a writer's name from an element whose id names the author", () => {
    const html = `<html><head><title>Films</title></head><body><article><h1>Films</h1>
      <p id="author-line">By Brian Truitt</p>${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Brian Truitt')
  })
})

describe('labels after a dash in a title', () => {
  it('drops a word or two after a dash at the end of a long title', () => {
    const t = (title: string): string => chooseTitle({ headline: title, h1s: [] })
    expect(t('Building a Pixel-Perfect UI Pipeline in JUCE - Part 1')).toBe(
      'Building a Pixel-Perfect UI Pipeline in JUCE',
    )
    expect(t('2025 Top Insurance Company Performance Rankings - Infographic')).toBe(
      '2025 Top Insurance Company Performance Rankings',
    )
    // A thread's board and the forum's name, one after the other.
    expect(t('Hybrid Quantum And Classical Computing - Programming - Nairaland')).toBe(
      'Hybrid Quantum And Classical Computing',
    )
    // A subtitle, or a short title, keeps its dash.
    expect(t('Zero Waste - A Beginner’s Guide')).toBe('Zero Waste - A Beginner’s Guide')
    expect(t('Tutorial - User Guide')).toBe('Tutorial - User Guide')
    expect(t('Transitioning to a plant-based diet – tips and tricks')).toBe(
      'Transitioning to a plant-based diet – tips and tricks',
    )
  })
})

describe('publication dates under other names', () => {
  it('reads a publication date under other <meta> names', () => {
    const page = (head: string): string =>
      `<html><head><title>Climate</title>${head}</head><body><article><h1>Climate</h1>${body}</article></body></html>`
    expect(
      extractHtml({ html: page('<meta name="published-date" content="2021-02-16">') }).published,
    ).toBe('2021-02-16')
    expect(
      extractHtml({
        html: page('<meta property="og:publish_date" content="2025-07-28T15:48:00+00:00">'),
      }).published,
    ).toBe('2025-07-28')
  })
})

describe('threads', () => {
  it('dates a thread by its opening post, not by its last reply', () => {
    const html = `<html><head><title>Bikes</title></head><body><main><div itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1 itemprop="headline">Bikes</h1><meta itemprop="datePublished" content="2024-06-02T20:22:24-04:00"><meta itemprop="dateModified" content="2024-06-05T15:58:03-04:00"><p>Latest reply: Jun 5, 2024</p>${body}</div></main></body></html>`
    expect(extractHtml({ html }).published).toBe('2024-06-02')
  })
})

describe('titles with numbers or bytes in the way', () => {
  it('drops a section’s number or a year before a dash in front of the headline', () => {
    const t = (title: string): string => chooseTitle({ headline: title, h1s: [] })
    expect(t('3.1 Git Branching - Branches in a Nutshell')).toBe(
      'Git Branching - Branches in a Nutshell',
    )
    expect(t('15 - Tutorial: Sweep, Loft, and Extrude')).toBe('Tutorial: Sweep, Loft, and Extrude')
    expect(t('8 Recent Trends in Photography')).toBe('8 Recent Trends in Photography')
    expect(t('2025 Top Insurance Rankings')).toBe('2025 Top Insurance Rankings')
    expect(t('2024.4.4 -> 2024.5.0 issue: stuck on starting')).toBe(
      '2024.4.4 -> 2024.5.0 issue: stuck on starting',
    )
  })

  it('reads a title its page encoded as UTF-8 twice', () => {
    const twice = Buffer.from('A DIY Investor’s Guide', 'utf8').toString('latin1')
    expect(chooseTitle({ headline: twice, h1s: [] })).toBe('A DIY Investor’s Guide')
    expect(chooseTitle({ headline: 'Café à Paris', h1s: [] })).toBe('Café à Paris')
  })
})

describe('bylines found by how the page sets them', () => {
  const page = (inner: string, after = ''): string =>
    `<html><head><title>Apps</title></head><body>${inner}<article><h1>Apps</h1>${body}</article>${after}</body></html>`

  it('reads a `By` line above the headline, but not a menu that sorts by something', () => {
    expect(
      extractHtml({ html: page('<div><span>May 2, 2024</span> <span>by Ann Lee</span></div>') })
        .author,
    ).toBe('Ann Lee')
    expect(
      extractHtml({ html: page('<nav><ul><li>By Company Size</li></ul></nav>') }).author,
    ).toBeUndefined()
  })

  it('reads the name after a `By` label in its own element, and after `Contributors:`', () => {
    expect(
      extractHtml({ html: page('', '<div><div>By</div><div>Ann Lee</div></div>') }).author,
    ).toBe('Ann Lee')
    expect(
      extractHtml({ html: page('', '<div><strong>Contributors:</strong> Ann Lee</div>') }).author,
    ).toBe('Ann Lee')
  })

  it('reads a `Written by` line with a degree after the name', () => {
    expect(
      extractHtml({ html: page('', '<p>Written By <span>Ann Lee-Ray, MD*</span></p>') }).author,
    ).toBe('Ann Lee-Ray, MD*')
  })

  it('reads the writer from a link to a contributor’s page, first line only', () => {
    expect(
      extractHtml({ html: page('', '<a href="/magazine/contributor/a._j._ray">A. J. Ray</a>') })
        .author,
    ).toBe('A. J. Ray')
    expect(
      extractHtml({
        html: page('', '<a href="/blog-authors/ann-lee"><p>Ann Lee</p><p>| Author</p></a>'),
      }).author,
    ).toBe('Ann Lee')
  })

  it('reads a full name in an element whose class names the author, over the site as author', () => {
    const card = '<div class="staff"><div class="text__author">Ann Lee</div></div>'
    const html = page('', card).replace(
      '<title>Apps</title>',
      '<title>Apps</title><meta name="author" content="Acme"><meta property="og:site_name" content="Acme">',
    )
    expect(extractHtml({ html }).author).toBe('Ann Lee')
  })

  it('reads the name beside a portrait of the writer, not beside a product photo', () => {
    const portrait =
      '<a><img class="rounded-full" src="/me.png" alt="Ann Lee"><div>Ann Lee</div></a>'
    expect(extractHtml({ html: page('', portrait) }).author).toBe('Ann Lee')
    const product = '<div><img src="/bulb.png" alt="Light Bulbs"><div>Light Bulbs</div></div>'
    expect(extractHtml({ html: page('', product) }).author).toBeUndefined()
  })
})

describe('bylines with a description of the writer', () => {
  it('drops a job with a beat after a rank, a description after a comma, a date after a dash', () => {
    expect(cleanByline('Keith Barry Senior Autos Reporter')).toBe('Keith Barry')
    expect(cleanByline('Julie Weis and Natalie Holt, Extension horticulture educators')).toBe(
      'Julie Weis and Natalie Holt',
    )
    expect(cleanByline('Ann Lee, Garden Learning Network of Ohio')).toBe('Ann Lee')
    expect(cleanByline('Ann Lee, John Roe, and Mia Poe')).toBe('Ann Lee, John Roe, and Mia Poe')
    expect(cleanByline('Ann Lee, MD')).toBe('Ann Lee, MD')
    expect(cleanByline('Summer Swann-June 5, 2025')).toBe('Summer Swann')
  })
})

describe('bylines as author cards and meta lines print them', () => {
  const page = (under: string, after = ''): string =>
    `<html><head><title>Apps</title></head><body><article><h1>Apps</h1>${under}${body}</article>${after}</body></html>`

  it('reads the name first in a line of parts under the headline', () => {
    expect(
      extractHtml({ html: page('<p>Ann Lee | Senior Writer | July 2, 2025</p>') }).author,
    ).toBe('Ann Lee')
  })

  it('reads a full name with the writer’s job in the element after it', () => {
    expect(
      extractHtml({ html: page('', '<div><p>Ann Lee</p><p>Tech Writer</p></div>') }).author,
    ).toBe('Ann Lee')
  })

  it('drops a phrase that JSON-LD lists beside the writer as another author', () => {
    const ld = JSON.stringify({
      '@type': 'Article',
      author: [
        { '@type': 'Person', name: 'Ann Lee' },
        { '@type': 'Person', name: 'Garden Learning Network on Facebook' },
      ],
    })
    const html = `<html><head><title>Apps</title><script type="application/ld+json">${ld}</script></head><body><article><h1>Apps</h1>${body}</article></body></html>`
    expect(extractHtml({ html }).author).toBe('Ann Lee')
  })
})

describe('a byline under the headline against the metadata', () => {
  const page = (meta: string, under: string): string =>
    `<html><head><title>Apps</title><meta name="author" content="${meta}"></head><body><article><h1>Apps</h1>${under}${body}</article></body></html>`

  it('takes the writer a `By` line under the headline names over another name in <meta>', () => {
    expect(extractHtml({ html: page('Web Manager', '<p>By: Ann Lee</p>') }).author).toBe('Ann Lee')
  })

  it('keeps the stated name when the line names the same writer, or someone who reviewed it', () => {
    expect(extractHtml({ html: page('Ann Lee', '<p>By Ann Lee, Modern Farmer</p>') }).author).toBe(
      'Ann Lee',
    )
    expect(extractHtml({ html: page('Ann Lee', '<p>Reviewed by John Roe</p>') }).author).toBe(
      'Ann Lee',
    )
  })
})
