<?xml version="1.0" encoding="utf-8"?>
<!-- The page a browser shows for an RSS or Atom feed of relais (/flux.xsl,
     named by the feed's xml-stylesheet instruction). Feed readers ignore
     it and read the XML. The stylesheet link below is given the address of
     the site's stylesheet when the site is built: the page loads nothing else, so it
     holds under the site's Content-Security-Policy. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
<xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
  <xsl:variable name="rss" select="boolean(rss)"/>
  <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
  <xsl:variable name="self" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
  <html lang="fr">
  <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="robots" content="noindex"/>
    <title>Flux : <xsl:value-of select="$title"/></title>
    <link rel="stylesheet" href="@CSS@"/>
  </head>
  <body>
  <main id="contenu" class="flux">
    <p class="flux-type">
      <xsl:choose>
        <xsl:when test="$rss">Flux RSS</xsl:when>
        <xsl:otherwise>Flux Atom</xsl:otherwise>
      </xsl:choose>
    </p>
    <h1><xsl:value-of select="$title"/></h1>
    <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
    <section aria-labelledby="abonner">
      <h2 id="abonner">S’abonner à ce flux</h2>
      <p>Cette page est un <strong>flux</strong> : une adresse que l’on donne à un lecteur de flux
        (une application ou une extension de navigateur) pour être prévenu de chaque nouvelle
        publication, sans revenir sur le site.</p>
      <ol>
        <li>Copiez l’adresse du flux : <code><xsl:value-of select="$self"/></code></li>
        <li>Dans votre lecteur de flux, choisissez « Ajouter un flux » ou « S’abonner ».</li>
        <li>Collez l’adresse et validez. Les nouvelles publications y apparaîtront d’elles-mêmes.</li>
      </ol>
      <p>Sans lecteur de flux, la même liste est sur la page
        <a href="{$home}"><xsl:value-of select="$title"/></a>.</p>
    </section>
    <section aria-labelledby="dernieres">
      <h2 id="dernieres">Dernières publications</h2>
      <xsl:choose>
        <xsl:when test="rss/channel/item | atom:feed/atom:entry">
          <ul class="flux-items">
            <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          </ul>
        </xsl:when>
        <xsl:otherwise><p>Rien n’est publié dans ce flux pour l’instant.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </main>
  </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <li>
    <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
    <p class="flux-date">Publié le <xsl:call-template name="rfc822"><xsl:with-param name="d" select="pubDate"/></xsl:call-template>
      <xsl:if test="dc:creator"> par <xsl:value-of select="dc:creator"/></xsl:if></p>
    <!-- The description is the summary, escaped as HTML text by relais. -->
    <xsl:if test="description != ''"><p><xsl:value-of select="description" disable-output-escaping="yes"/></p></xsl:if>
  </li>
</xsl:template>

<xsl:template match="atom:entry">
  <li>
    <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
    <p class="flux-date">Publié le <xsl:call-template name="iso"><xsl:with-param name="d" select="atom:published"/></xsl:call-template>
      <xsl:if test="atom:author/atom:name"> par <xsl:value-of select="atom:author/atom:name"/></xsl:if></p>
    <xsl:if test="atom:summary != ''"><p><xsl:value-of select="atom:summary"/></p></xsl:if>
  </li>
</xsl:template>

<!-- "Mon, 23 Mar 2020 09:00:00 +0100" as "23 mars 2020". -->
<xsl:template name="rfc822">
  <xsl:param name="d"/>
  <xsl:variable name="day" select="number(substring($d, 6, 2))"/>
  <xsl:variable name="m" select="substring($d, 9, 3)"/>
  <xsl:value-of select="$day"/><xsl:if test="$day = 1">er</xsl:if>
  <xsl:text> </xsl:text>
  <xsl:call-template name="month">
    <xsl:with-param name="n" select="(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $m)) div 3) + 1"/>
  </xsl:call-template>
  <xsl:text> </xsl:text><xsl:value-of select="substring($d, 13, 4)"/>
</xsl:template>

<!-- "2020-03-23T09:00:00+01:00" as "23 mars 2020". -->
<xsl:template name="iso">
  <xsl:param name="d"/>
  <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
  <xsl:value-of select="$day"/><xsl:if test="$day = 1">er</xsl:if>
  <xsl:text> </xsl:text>
  <xsl:call-template name="month"><xsl:with-param name="n" select="number(substring($d, 6, 2))"/></xsl:call-template>
  <xsl:text> </xsl:text><xsl:value-of select="substring($d, 1, 4)"/>
</xsl:template>

<xsl:template name="month">
  <xsl:param name="n"/>
  <xsl:choose>
    <xsl:when test="$n = 1">janvier</xsl:when>
    <xsl:when test="$n = 2">février</xsl:when>
    <xsl:when test="$n = 3">mars</xsl:when>
    <xsl:when test="$n = 4">avril</xsl:when>
    <xsl:when test="$n = 5">mai</xsl:when>
    <xsl:when test="$n = 6">juin</xsl:when>
    <xsl:when test="$n = 7">juillet</xsl:when>
    <xsl:when test="$n = 8">août</xsl:when>
    <xsl:when test="$n = 9">septembre</xsl:when>
    <xsl:when test="$n = 10">octobre</xsl:when>
    <xsl:when test="$n = 11">novembre</xsl:when>
    <xsl:when test="$n = 12">décembre</xsl:when>
  </xsl:choose>
</xsl:template>
</xsl:stylesheet>
