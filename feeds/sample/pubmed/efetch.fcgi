<?xml version="1.0" encoding="UTF-8"?>
<!-- Invented SAMPLE DATA for the evidex demo: fictional PubMed records (PMIDs 99000001-99000008); none of these papers, journals or people exist. -->
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000001</PMID>
    <DateCompleted><Year>2024</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>12</Volume>
          <Issue>3</Issue>
          <PubDate><Year>2024</Year><Month>Mar</Month></PubDate>
        </JournalIssue>
        <Title>Journal of Sample Psychiatry (sample data)</Title>
        <ISOAbbreviation>J Sample Psychiatry</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Esketamine nasal spray for rapid reduction of suicidal ideation in treatment-resistant depression: a randomized, double-blind, placebo-controlled trial (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>201-212</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.1</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">This invented study asks whether esketamine nasal spray reduces suicidal ideation faster than placebo in adults with treatment-resistant depression. All of it is fictional sample data.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">In a made-up two-site trial, 120 adults with active suicidal ideation were randomized to esketamine 84 mg or placebo nasal spray twice weekly for 4 weeks, both added to standard care. The primary outcome was the change in a suicidal ideation scale at 24 hours.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Suicidal ideation scores fell more with esketamine than with placebo at 24 hours (mean difference -4.1 points) but the difference narrowed by day 25. Dissociation and dizziness were the most frequent adverse events and resolved within 2 hours.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">In this fictional trial, esketamine produced a rapid but short-lived reduction of suicidal ideation. These are sample data and must not guide care.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Halvorsen</LastName><ForeName>Ingrid M</ForeName><Initials>IM</Initials></Author>
        <Author ValidYN="Y"><LastName>Okafor</LastName><ForeName>Daniel</ForeName><Initials>D</Initials></Author>
        <Author ValidYN="Y"><LastName>Brightwater</LastName><ForeName>Lena</ForeName><Initials>L</Initials></Author>
        <Author ValidYN="Y"><LastName>Castellanos</LastName><ForeName>Rafael J</ForeName><Initials>RJ</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Randomized Controlled Trial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>J Sample Psychiatry</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Suicidal Ideation</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Administration, Intranasal</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Adult</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">esketamine</Keyword>
      <Keyword MajorTopicYN="N">suicidal ideation</Keyword>
      <Keyword MajorTopicYN="N">sample data</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000001</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.1</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000002</PMID>
    <DateCompleted><Year>2024</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>8</Volume>
          <Issue>2</Issue>
          <PubDate><Year>2024</Year><Month>Feb</Month></PubDate>
        </JournalIssue>
        <Title>Sample Reviews in Mood Disorders (sample data)</Title>
        <ISOAbbreviation>Sample Rev Mood Disord</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Ketamine versus electroconvulsive therapy for major depression: a systematic review and meta-analysis of randomized trials (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>55-71</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.2</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Invented sample data: this fictional review compares ketamine infusions with electroconvulsive therapy (ECT) for major depression.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We pooled 9 made-up randomized trials (642 patients) comparing intravenous ketamine with ECT, using random-effects models for response, remission and cognitive adverse effects.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Response rates did not differ significantly between ketamine and ECT (risk ratio 0.93), remission favoured ECT slightly, and memory complaints were less frequent with ketamine. Heterogeneity between trials was moderate.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">In this invented meta-analysis ketamine was not inferior to ECT for response, with fewer cognitive effects. The findings are fictional sample data.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Lindqvist</LastName><ForeName>Maja</ForeName><Initials>M</Initials></Author>
        <Author ValidYN="Y"><LastName>Adeyemi</LastName><ForeName>Tunde O</ForeName><Initials>TO</Initials></Author>
        <Author ValidYN="Y"><LastName>Moreau</LastName><ForeName>Claire</ForeName><Initials>C</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Meta-Analysis</PublicationType>
        <PublicationType UI="D000000">Systematic Review</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>Sample Rev Mood Disord</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Electroconvulsive Therapy</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Depressive Disorder, Major</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">ketamine</Keyword>
      <Keyword MajorTopicYN="N">electroconvulsive therapy</Keyword>
      <Keyword MajorTopicYN="N">meta-analysis</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000002</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.2</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000003</PMID>
    <DateCompleted><Year>2024</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>12</Volume>
          <Issue>5</Issue>
          <PubDate><Year>2024</Year><Month>May</Month></PubDate>
        </JournalIssue>
        <Title>Journal of Sample Psychiatry (sample data)</Title>
        <ISOAbbreviation>J Sample Psychiatry</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Maintenance ketamine infusions in treatment-resistant depression: a two-year observational cohort from a community clinic (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>410-419</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.3</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">How patients fare on repeated ketamine infusions over years is unclear. This fictional cohort describes invented outcomes of maintenance treatment.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We followed 214 made-up adults who continued intravenous ketamine infusions every 2 to 6 weeks after an induction series, recording depression scores, dosing intervals, urinary symptoms and blood pressure.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Two-thirds kept their response at 12 months and about half at 24 months; infusion intervals lengthened over time. Transient blood pressure rises were common; 3 patients stopped for urinary symptoms.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">In this invented cohort, maintenance infusions were feasible, but the lack of a control group limits conclusions. Sample data only.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Nakamura</LastName><ForeName>Hiroshi</ForeName><Initials>H</Initials></Author>
        <Author ValidYN="Y"><LastName>Delacroix</LastName><ForeName>Amelie</ForeName><Initials>A</Initials></Author>
        <Author ValidYN="Y"><LastName>Whitfield</LastName><ForeName>Samuel P</ForeName><Initials>SP</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Observational Study</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>J Sample Psychiatry</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Infusions, Intravenous</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Cohort Studies</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">maintenance infusions</Keyword>
      <Keyword MajorTopicYN="N">ketamine</Keyword>
      <Keyword MajorTopicYN="N">cohort</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000003</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.3</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000004</PMID>
    <DateCompleted><Year>2023</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>5</Volume>
          <Issue>1</Issue>
          <PubDate><Year>2023</Year><Month>Nov</Month></PubDate>
        </JournalIssue>
        <Title>Sample Case Reports in Psychiatry (sample data)</Title>
        <ISOAbbreviation>Sample Case Rep Psychiatry</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Prolonged dissociation after a single intravenous ketamine infusion in an older adult with depression: a case report (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>e0104</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.4</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Dissociation during ketamine treatment usually resolves within hours. We describe an invented patient in whom it lasted longer.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">A fictional 74-year-old woman with treatment-resistant depression received 0.5 mg/kg intravenous ketamine over 40 minutes; we report her course from the clinic notes of this made-up case.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Dissociative symptoms persisted for about 9 hours, with no change in vital signs, and resolved without treatment. Her depression score improved by day 3, and later infusions at a lower dose were tolerated.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">Older adults may need longer monitoring after ketamine. This case is fictional sample data.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Fairbanks</LastName><ForeName>Olivia</ForeName><Initials>O</Initials></Author>
        <Author ValidYN="Y"><LastName>Mensah</LastName><ForeName>Kwame</ForeName><Initials>K</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Case Reports</PublicationType>
        <PublicationType UI="D000000">Journal Article</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>Sample Case Rep Psychiatry</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Dissociative Disorders</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Aged</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">dissociation</Keyword>
      <Keyword MajorTopicYN="N">older adult</Keyword>
      <Keyword MajorTopicYN="N">case report</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000004</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.4</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000005</PMID>
    <DateCompleted><Year>2023</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>7</Volume>
          <Issue>4</Issue>
          <PubDate><Year>2023</Year><Month>Oct</Month></PubDate>
        </JournalIssue>
        <Title>Sample Reviews in Mood Disorders (sample data)</Title>
        <ISOAbbreviation>Sample Rev Mood Disord</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Ketamine and esketamine for depression: a narrative review of mechanisms, evidence and open questions (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>301-324</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.5</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">This invented review summarises how ketamine and esketamine are thought to relieve depression and what the (fictional) evidence shows.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We describe made-up literature on NMDA receptor blockade, glutamate surges and synaptic plasticity, and on trials of intravenous ketamine and intranasal esketamine, without a systematic search.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Rapid antidepressant effects are consistent across fictional studies, but durability, abuse potential, bladder toxicity and the place of maintenance treatment remain uncertain.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">Ketamine is a rapid-acting option whose long-term role is still open. Sample data, not a real review.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Bergstrom</LastName><ForeName>Anders</ForeName><Initials>A</Initials></Author>
        <Author ValidYN="Y"><LastName>Quispe</LastName><ForeName>Lucia</ForeName><Initials>L</Initials></Author>
        <Author ValidYN="Y"><LastName>Harrington</LastName><ForeName>Paul D</ForeName><Initials>PD</Initials></Author>
        <Author ValidYN="Y"><LastName>Sato</LastName><ForeName>Yuki</ForeName><Initials>Y</Initials></Author>
        <Author ValidYN="Y"><LastName>Ndlovu</LastName><ForeName>Thandiwe</ForeName><Initials>T</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Review</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>Sample Rev Mood Disord</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Antidepressive Agents</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Receptors, N-Methyl-D-Aspartate</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">NMDA receptor</Keyword>
      <Keyword MajorTopicYN="N">glutamate</Keyword>
      <Keyword MajorTopicYN="N">esketamine</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000005</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.5</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000006</PMID>
    <DateCompleted><Year>2024</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>12</Volume>
          <Issue>6</Issue>
          <PubDate><Year>2024</Year><Month>Jun</Month></PubDate>
        </JournalIssue>
        <Title>Journal of Sample Psychiatry (sample data)</Title>
        <ISOAbbreviation>J Sample Psychiatry</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Rapid relief, slow evidence: an editorial on ketamine clinics (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>455-456</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.6</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Ketamine clinics have spread faster than the evidence that supports them. This invented editorial comments on that gap.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We comment on fictional reports of off-label infusion services, their consent practices and monitoring standards.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Dosing, screening and follow-up differ widely between the made-up clinics we describe, and few collect outcome data.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">Clinics should share outcomes and follow common safety standards. An editorial opinion in sample data.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Ashworth</LastName><ForeName>Eleanor</ForeName><Initials>E</Initials></Author>
        <Author ValidYN="Y"><LastName>Kowalczyk</LastName><ForeName>Marek</ForeName><Initials>M</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Editorial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>J Sample Psychiatry</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Ambulatory Care Facilities</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Depression</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">ketamine clinics</Keyword>
      <Keyword MajorTopicYN="N">regulation</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000006</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.6</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000007</PMID>
    <DateCompleted><Year>2022</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>3</Volume>
          <Issue>2</Issue>
          <PubDate><Year>2022</Year><Month>Apr</Month></PubDate>
        </JournalIssue>
        <Title>Sample Archives of Mood Research (sample data)</Title>
        <ISOAbbreviation>Sample Arch Mood Res</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Single-dose ketamine prevents relapse of depression for six months: a randomized controlled trial (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>88-97</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.7</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">This fictional trial claimed that one ketamine infusion prevents depressive relapse for six months. The paper was retracted (sample data).</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">We reported randomizing 80 invented patients in remission to one ketamine infusion or saline and following them for 26 weeks for relapse and suicidal ideation.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">We reported relapse in 10% after ketamine versus 55% after saline. The retraction notice states that the outcome data could not be verified.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">These results were retracted and should not be cited. Sample data only.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Vanterpool</LastName><ForeName>Gregory</ForeName><Initials>G</Initials></Author>
        <Author ValidYN="Y"><LastName>Itzkowitz</LastName><ForeName>Miriam</ForeName><Initials>M</Initials></Author>
        <Author ValidYN="Y"><LastName>Falk</LastName><ForeName>Jonas</ForeName><Initials>J</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Randomized Controlled Trial</PublicationType>
        <PublicationType UI="D000000">Retracted Publication</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>Sample Arch Mood Res</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <CommentsCorrectionsList>
      <CommentsCorrections RefType="RetractionIn"><RefSource>Sample Arch Mood Res. 2023 Jan;4(1):5. doi: 10.5555/sample.pm.retraction (sample data)</RefSource><PMID Version="1">99000009</PMID></CommentsCorrections>
    </CommentsCorrectionsList>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Depressive Disorder, Major</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Recurrence</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Suicidal Ideation</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">relapse prevention</Keyword>
      <Keyword MajorTopicYN="N">retracted</Keyword>
      <Keyword MajorTopicYN="N">ketamine</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000007</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.7</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">99000008</PMID>
    <DateCompleted><Year>2025</Year><Month>12</Month><Day>01</Day></DateCompleted>
    <Article PubModel="Print">
      <Journal>
        <ISSN IssnType="Electronic">0000-0000</ISSN>
        <JournalIssue CitedMedium="Internet">
          <Volume>5</Volume>
          <Issue>1</Issue>
          <PubDate><Year>2025</Year><Month>Jan</Month></PubDate>
        </JournalIssue>
        <Title>Sample Archives of Mood Research (sample data)</Title>
        <ISOAbbreviation>Sample Arch Mood Res</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Arketamine versus placebo in treatment-resistant depression: a randomized, double-blind phase 2 trial (sample data)</ArticleTitle>
      <Pagination><MedlinePgn>12-24</MedlinePgn></Pagination>
      <ELocationID EIdType="doi" ValidYN="Y">10.5555/sample.pm.8</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Arketamine, the R-enantiomer of ketamine, is proposed to cause less dissociation. This invented trial tests it against placebo.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">In a fictional phase 2 trial, 96 adults with treatment-resistant depression were randomized to a single intravenous dose of arketamine or placebo; the primary outcome was the change in depression score at day 7.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Depression scores fell slightly more with arketamine (difference -2.3 points, not significant). Dissociation scores were low in both groups, and no serious adverse events occurred.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">In this made-up trial arketamine was well tolerated but did not clearly beat placebo; larger studies would be needed. Sample data only.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Moretti</LastName><ForeName>Giulia</ForeName><Initials>G</Initials></Author>
        <Author ValidYN="Y"><LastName>Chen</LastName><ForeName>Wei-Lin</ForeName><Initials>WL</Initials></Author>
        <Author ValidYN="Y"><LastName>Oyelaran</LastName><ForeName>Bisi</ForeName><Initials>B</Initials></Author>
        <Author ValidYN="Y"><LastName>Kaplan</LastName><ForeName>Noah R</ForeName><Initials>NR</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
      <PublicationTypeList>
        <PublicationType UI="D000000">Clinical Trial, Phase II</PublicationType>
        <PublicationType UI="D000000">Journal Article</PublicationType>
        <PublicationType UI="D000000">Randomized Controlled Trial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>United States</Country><MedlineTA>Sample Arch Mood Res</MedlineTA><NlmUniqueID>000000000</NlmUniqueID></MedlineJournalInfo>
    <MeshHeadingList>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Ketamine</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="Y">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Stereoisomerism</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Double-Blind Method</DescriptorName></MeshHeading>
      <MeshHeading><DescriptorName UI="D000000" MajorTopicYN="N">Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <KeywordList Owner="NOTNLM">
      <Keyword MajorTopicYN="N">arketamine</Keyword>
      <Keyword MajorTopicYN="N">R-ketamine</Keyword>
      <Keyword MajorTopicYN="N">phase 2</Keyword>
    </KeywordList>
  </MedlineCitation>
  <PubmedData>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList>
      <ArticleId IdType="pubmed">99000008</ArticleId>
      <ArticleId IdType="doi">10.5555/sample.pm.8</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
</PubmedArticleSet>
