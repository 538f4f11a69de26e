<?xml version="1.0" encoding="UTF-8" ?>
<!-- Invented SAMPLE DATA for the evidex demo: a fictional ESearch answer listing the fictional PMIDs 99000001-99000008. -->
<eSearchResult><Count>8</Count><RetMax>8</RetMax><RetStart>0</RetStart><QueryKey>1</QueryKey><WebEnv>MCID_sample_data_webenv_0001</WebEnv><IdList>
<Id>99000001</Id>
<Id>99000002</Id>
<Id>99000003</Id>
<Id>99000004</Id>
<Id>99000005</Id>
<Id>99000006</Id>
<Id>99000007</Id>
<Id>99000008</Id>
</IdList><TranslationSet/><QueryTranslation>"ketamine"[All Fields] AND "depression"[All Fields] (sample data)</QueryTranslation></eSearchResult>
